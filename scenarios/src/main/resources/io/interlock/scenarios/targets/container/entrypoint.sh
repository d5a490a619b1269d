#!/bin/sh
# Starts the peers of the container target in the order the local target does (LocalPeersTarget),
# then keeps smbd in the foreground.
set -eu
case "${INTERLOCK_VARIANT:-samba+ganesha}" in
  samba+ganesha) conf=/srv/interlock/smb.conf ;;
  samba+ganesha:kernel-oplocks) conf=/srv/interlock/smb-kernel-oplocks.conf ;;
  *) echo "interlock: unknown INTERLOCK_VARIANT '${INTERLOCK_VARIANT}'" >&2; exit 2 ;;
esac
rpcbind -w -i
rpc.statd --no-notify -P /srv/interlock/statd
ganesha.nfsd -f /srv/interlock/ganesha.conf -L /srv/interlock/ganesha.log -p /srv/interlock/ganesha.pid -N NIV_EVENT
printf '%s\n%s\n' 'interlock' 'interlock' | smbpasswd -c "$conf" -s -a root >/dev/null
echo "interlock peers: ${INTERLOCK_VARIANT:-samba+ganesha} starting smbd"
exec smbd -F --no-process-group -s "$conf" --debug-stdout
