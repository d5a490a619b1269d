package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Share-list consistency through new IPC$ pipes: R-CACHE-1, 2, 3, 5. */
class ShareRulesTest {

    private static Run shares() {
        return run(ModelConfig.defaults().withShares(Set.of("share")));
    }

    private static ModelOutput.Reply listed(long req, String... names) {
        return reply(req, Status.STATUS_SUCCESS, new Payload.ShareNames(Set.of(names)));
    }

    @Test
    void shareEnum_afterAdd_listsTheNewShare() {
        shares().w(new ModelInput.ShareAdd(1, "admin", "x"), reply(1, Status.OK))
                .w(new ModelInput.ShareEnum(2, "S"), listed(2, "x", "share"))
                .passes();
    }

    @Test
    void shareEnum_afterAddWithoutIt_violatesRCACHE1() {
        shares().w(new ModelInput.ShareAdd(1, "admin", "x"), reply(1, Status.OK))
                .w(new ModelInput.ShareAdd(2, "admin", "y"), reply(2, Status.OK))
                .w(new ModelInput.ShareEnum(3, "S"), listed(3, "share", "y"))
                .violates("R-CACHE-1");
    }

    @Test
    void shareEnum_afterRemove_omitsIt() {
        shares().w(new ModelInput.ShareAdd(1, "admin", "x"), reply(1, Status.OK))
                .w(new ModelInput.ShareRemove(2, "admin", "x"), reply(2, Status.OK))
                .w(new ModelInput.ShareEnum(3, "S"), listed(3, "share"))
                .w(new ModelInput.ShareRemove(4, "admin", "x"), reply(4, Status.NOT_FOUND))
                .passes();
    }

    @Test
    void shareEnum_removedShareStillListed_violatesRCACHE2() {
        shares().w(new ModelInput.ShareAdd(1, "admin", "x"), reply(1, Status.OK))
                .w(new ModelInput.ShareRemove(2, "admin", "x"), reply(2, Status.OK))
                .w(new ModelInput.ShareAdd(3, "admin", "y"), reply(3, Status.OK))
                .w(new ModelInput.ShareEnum(4, "S"), listed(4, "share", "x", "y"))
                .violates("R-CACHE-2");
    }

    @Test
    void shareEnum_newPipeAfterTheChange_currentListInAnyOrder() {
        shares().w(new ModelInput.ShareEnum(1, "S"), listed(1, "share"))
                .w(new ModelInput.ShareAdd(2, "admin", "b"), reply(2, Status.OK))
                .w(new ModelInput.ShareAdd(3, "admin", "a"), reply(3, Status.OK))
                .w(new ModelInput.ShareEnum(4, "S"), listed(4, "share", "a", "b"))
                .passes();
    }

    @Test
    void shareEnum_newPipeGetsTheListFromBeforeTheChange_violatesRCACHE3() {
        shares().w(new ModelInput.ShareEnum(1, "S"), listed(1, "share"))
                .w(new ModelInput.ShareAdd(2, "admin", "b"), reply(2, Status.OK))
                .w(new ModelInput.ShareEnum(3, "S"), listed(3, "share"))
                .violates("R-CACHE-3");
    }

    @Test
    void shareEnum_disabledShare_notListedAndListedAgainWhenEnabled() {
        shares().w(new ModelInput.ShareDisable(1, "admin", "share"), reply(1, Status.OK))
                .w(new ModelInput.ShareEnum(2, "S"), listed(2))
                .w(new ModelInput.ShareEnable(3, "admin", "share"), reply(3, Status.OK))
                .w(new ModelInput.ShareEnum(4, "S"), listed(4, "share"))
                .passes();
    }

    @Test
    void shareEnum_disabledShareListed_violatesRCACHE5() {
        shares().w(new ModelInput.ShareAdd(1, "admin", "x"), reply(1, Status.OK))
                .w(new ModelInput.ShareDisable(2, "admin", "share"), reply(2, Status.OK))
                .w(new ModelInput.ShareEnum(3, "S"), listed(3, "share", "x"))
                .violates("R-CACHE-5");
    }
}
