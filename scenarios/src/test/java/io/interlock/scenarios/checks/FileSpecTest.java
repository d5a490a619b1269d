package io.interlock.scenarios.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.checks.FileCall.Create;
import io.interlock.scenarios.checks.FileCall.CreateMode;
import io.interlock.scenarios.checks.FileCall.Read;
import io.interlock.scenarios.checks.FileCall.ReadAt;
import io.interlock.scenarios.checks.FileCall.Remove;
import io.interlock.scenarios.checks.FileCall.Rename;
import io.interlock.scenarios.checks.FileCall.Truncate;
import io.interlock.scenarios.checks.FileCall.Write;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileSpecTest {
    private static final FileSpec SPEC = new FileSpec();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static FileTree tree(String path, String content) {
        return FileTree.of(Map.of(path, b(content)));
    }

    @Test
    void write_pastEnd_extendsWithZeros() {
        FileSpec.Effect e = FileSpec.apply(tree("f", "ab"), new Write("f", 4, b("xy")));
        assertThat(e.result()).isEqualTo(FileResult.DONE);
        assertThat(e.next().content("f"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly('a', 'b', 0, 0, 'x', 'y'));
    }

    @Test
    void write_inside_overwritesInPlace() {
        FileSpec.Effect e = FileSpec.apply(tree("f", "abcdef"), new Write("f", 2, b("XY")));
        assertThat(e.next()).isEqualTo(tree("f", "abXYef"));
    }

    @Test
    void write_absentFile_notFoundWithoutEffect() {
        FileSpec.Effect e = FileSpec.apply(FileTree.empty(), new Write("f", 0, b("x")));
        assertThat(e.result()).isEqualTo(FileResult.rejected(FileError.NOT_FOUND));
        assertThat(e.next()).isEqualTo(FileTree.empty());
    }

    @Test
    void read_whole_returnsContentOrNotFound() {
        assertThat(FileSpec.apply(tree("f", "abc"), new Read("f")).result()).isEqualTo(FileResult.data(b("abc")));
        assertThat(FileSpec.apply(FileTree.empty(), new Read("f")).result())
                .isEqualTo(FileResult.rejected(FileError.NOT_FOUND));
    }

    @Test
    void readAt_range_shortAtEndAndEmptyPastIt() {
        FileTree t = tree("f", "abcdef");
        assertThat(FileSpec.apply(t, new ReadAt("f", 1, 3)).result()).isEqualTo(FileResult.data(b("bcd")));
        assertThat(FileSpec.apply(t, new ReadAt("f", 4, 10)).result()).isEqualTo(FileResult.data(b("ef")));
        assertThat(FileSpec.apply(t, new ReadAt("f", 9, 2)).result()).isEqualTo(FileResult.data(new byte[0]));
    }

    @Test
    void truncate_shrinkAndGrow_cutsOrPadsWithZeros() {
        assertThat(FileSpec.apply(tree("f", "abcdef"), new Truncate("f", 2)).next())
                .isEqualTo(tree("f", "ab"));
        assertThat(FileSpec.apply(tree("f", "ab"), new Truncate("f", 4)).next().content("f"))
                .hasValueSatisfying(c -> assertThat(c).containsExactly('a', 'b', 0, 0));
        assertThat(FileSpec.apply(FileTree.empty(), new Truncate("f", 0)).result())
                .isEqualTo(FileResult.rejected(FileError.NOT_FOUND));
    }

    @Test
    void create_existingFile_dependsOnMode() {
        FileTree t = tree("f", "abc");
        assertThat(FileSpec.apply(t, new Create("f", CreateMode.EXCLUSIVE)).result())
                .isEqualTo(FileResult.rejected(FileError.EXISTS));
        assertThat(FileSpec.apply(t, new Create("f", CreateMode.KEEP)).next()).isEqualTo(t);
        assertThat(FileSpec.apply(t, new Create("f", CreateMode.TRUNCATE)).next())
                .isEqualTo(tree("f", ""));
        assertThat(FileSpec.apply(FileTree.empty(), new Create("f", CreateMode.EXCLUSIVE))
                        .next())
                .isEqualTo(tree("f", ""));
    }

    @Test
    void remove_existingAndAbsent_removesOrNotFound() {
        assertThat(FileSpec.apply(tree("f", "a"), new Remove("f")).next()).isEqualTo(FileTree.empty());
        assertThat(FileSpec.apply(FileTree.empty(), new Remove("f")).result())
                .isEqualTo(FileResult.rejected(FileError.NOT_FOUND));
    }

    @Test
    void rename_overExistingTarget_replacesIt() {
        FileTree t = FileTree.of(Map.of("f", b("new"), "g", b("old")));
        FileSpec.Effect e = FileSpec.apply(t, new Rename("f", "g"));
        assertThat(e.next()).isEqualTo(tree("g", "new"));
        assertThat(FileSpec.apply(t, new Rename("f", "f")).next()).isEqualTo(t);
        assertThat(FileSpec.apply(t, new Rename("h", "g")).result())
                .isEqualTo(FileResult.rejected(FileError.NOT_FOUND));
    }

    @Test
    void step_knownResult_acceptsOnlyTheCorrectAnswer() {
        FileTree t = tree("f", "abc");
        assertThat(SPEC.step(t, new Read("f"), FileResult.data(b("abc")))).contains(t);
        assertThat(SPEC.step(t, new Read("f"), FileResult.data(b("abd")))).isEmpty();
        assertThat(SPEC.step(t, new Remove("f"), FileResult.rejected(FileError.NOT_FOUND)))
                .isEmpty();
        // Unknown result: the call's effect, whatever it answered.
        assertThat(SPEC.step(t, new Write("f", 0, b("X")), null)).contains(tree("f", "Xbc"));
    }

    @Test
    void keys_rename_namesBothPaths() {
        assertThat(SPEC.keys(new Rename("f", "g"))).isEqualTo(Set.of("f", "g"));
        assertThat(SPEC.keys(new Rename("f", "f"))).isEqualTo(Set.of("f"));
        assertThat(SPEC.keys(new Write("f", 0, b("x")))).isEqualTo(Set.of("f"));
        assertThat(SPEC.readOnly(new ReadAt("f", 0, 1))).isTrue();
        assertThat(SPEC.readOnly(new Truncate("f", 1))).isFalse();
    }

    @Test
    void describe_callsAndStates_readForHumans() {
        assertThat(SPEC.describe(new Read("f"), FileResult.data(b("AAAA")))).isEqualTo("read of f returned \"AAAA\"");
        assertThat(SPEC.describe(new Write("f", 0, b("BBBB")), FileResult.DONE))
                .isEqualTo("write of \"BBBB\" at 0 to f");
        assertThat(SPEC.describe(new Remove("f"), FileResult.rejected(FileError.NOT_FOUND)))
                .isEqualTo("remove of f failed with NOT_FOUND");
        assertThat(SPEC.describeState(tree("f", "x"), new Rename("g", "f"))).isEqualTo("f = \"x\", g absent");
        assertThat(FileTree.render(new byte[] {0, 65})).isEqualTo("0x0041");
    }

    @Test
    void fileTree_equalContent_equalAndSameHash() {
        FileTree a = tree("f", "abc");
        FileTree b = FileTree.empty().with("f", b("abc"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(tree("f", "abd"));
        assertThat(new Write("f", 0, b("x"))).isEqualTo(new Write("f", 0, b("x")));
    }
}
