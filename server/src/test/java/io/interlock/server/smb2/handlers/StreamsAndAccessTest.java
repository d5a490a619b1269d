package io.interlock.server.smb2.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.lock.ShareMode;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import org.junit.jupiter.api.Test;

/** Stream-name parsing ({@link Smb2Streams}) and access-mask reduction ({@link ShareAccess}). */
class StreamsAndAccessTest {
    @Test
    void parse_plainName_noStream() throws Exception {
        assertThat(Smb2Streams.parse("dir\\f.txt")).isEqualTo(new Smb2Streams.Parsed("dir\\f.txt", null));
    }

    @Test
    void parse_namedStreamWithAndWithoutType_sameStream() throws Exception {
        assertThat(Smb2Streams.parse("d\\f.txt:Stream One:$DATA"))
                .isEqualTo(new Smb2Streams.Parsed("d\\f.txt", "Stream One"));
        assertThat(Smb2Streams.parse("f.txt:s")).isEqualTo(new Smb2Streams.Parsed("f.txt", "s"));
    }

    @Test
    void parse_defaultDataStream_isBaseFile() throws Exception {
        assertThat(Smb2Streams.parse("f.txt::$DATA")).isEqualTo(new Smb2Streams.Parsed("f.txt", null));
    }

    @Test
    void parse_badStreamType_objectNameInvalid() {
        assertThatThrownBy(() -> Smb2Streams.parse("f.txt:s:$INDEX_ALLOCATION"))
                .isInstanceOf(Smb2ProtocolException.class);
        assertThatThrownBy(() -> Smb2Streams.parse("f.txt:")).isInstanceOf(Smb2ProtocolException.class);
    }

    @Test
    void hiddenName_caseInsensitiveStream() {
        assertThat(Smb2Streams.hiddenName("F.txt", "Stream One")).isEqualTo("F.txt:stream one");
        assertThat(Smb2Streams.isStream("F.txt:stream one")).isTrue();
        assertThat(Smb2Streams.isStream("F.txt")).isFalse();
    }

    @Test
    void statDefinitions_readControlIsStatForLeasesOnly() {
        int readControl = 0x20000 | 0x80;
        assertThat(ShareAccess.leaseStat(readControl)).isTrue(); // statopen4
        assertThat(ShareAccess.oplockStat(readControl)).isFalse(); // statopen1
        assertThat(ShareAccess.oplockStat(0x80 | 0x100 | 0x100000)).isTrue();
    }

    @Test
    void shareBits_genericAndSpecificRights() {
        assertThat(ShareAccess.shareBits(ShareAccess.expand(0x80000000))) // GENERIC_READ
                .isEqualTo(ShareMode.READ | ShareMode.NON_STAT);
        assertThat(ShareAccess.shareBits(ShareAccess.expand(0x10000))).isEqualTo(ShareMode.DELETE | ShareMode.NON_STAT);
        assertThat(ShareAccess.shareBits(0x8)).isEqualTo(ShareMode.NON_STAT); // READ_EA: no share effect
        assertThat(ShareAccess.shareBits(0x80)).isZero();
    }
}
