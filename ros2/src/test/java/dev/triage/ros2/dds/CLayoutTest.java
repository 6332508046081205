package dev.triage.ros2.dds;

import dev.triage.ros2.msg.Ros2SimTypes;
import dev.triage.ros2.msg.Ros2Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C layouts that {@link CLayoutCodec} computes equal what gcc says for the structs idlc generates from the same
 * IDL: sizeof, alignof and offsetof of every member of every struct, and offsetof of every record component's
 * (possibly flattened) path in every shipped {@link TopicType}. Skips with a reason when idlc, gcc or Cyclone's
 * headers are missing.
 */
class CLayoutTest {

    @Test
    void everyOffsetSizeAndAlignmentEqualsTheCCompilers(@TempDir Path dir) throws Exception {
        CPeer.assumeTools();
        List<TopicType<?>> shipped = shippedTypes();
        assertEquals(12, shipped.size(), "Ros2Types and Ros2SimTypes constants");
        List<String[]> queries = new ArrayList<>();   // {C expression, value the codec computed}
        for (CLayout.Struct s : CLayout.shipped().all().values()) {
            String c = cName(s.name());
            queries.add(new String[]{"sizeof(" + c + ")", Integer.toString(s.size())});
            queries.add(new String[]{"_Alignof(" + c + ")", Integer.toString(s.align())});
            for (CLayout.Member m : s.members()) {
                queries.add(new String[]{"offsetof(" + c + ", " + m.member().name() + ")",
                        Integer.toString(m.offset())});
            }
        }
        int bound = 0;
        for (TopicType<?> t : shipped) {
            List<CLayoutCodec.BoundField> fields = t.codec().boundFields();
            assertFalse(fields.isEmpty(), t.typeName());
            for (CLayoutCodec.BoundField f : fields) {
                queries.add(new String[]{"offsetof(" + cName(f.struct()) + ", " + f.path() + ")",
                        Integer.toString(f.offset())});
                bound++;
            }
        }
        assertTrue(bound > 100, "bound components checked: " + bound);

        run(dir, "/usr/bin/idlc", CPeer.idl().toString());
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"ros2_types.h\"\n"
                + "int main(void) {\n");
        for (String[] q : queries) {
            c.append("  printf(\"%s %zu\\n\", \"").append(q[0]).append("\", (size_t) (").append(q[0]).append("));\n");
        }
        c.append("  return 0;\n}\n");
        Files.writeString(dir.resolve("layout.c"), c);
        run(dir, "/usr/bin/gcc", "-std=c11", "-Wall", "-I" + dir, "-o", "layout", "layout.c");
        String fromC = run(dir, dir.resolve("layout").toString()).strip();
        String fromJava = queries.stream().map(q -> q[0] + " " + q[1]).collect(Collectors.joining("\n"));
        assertEquals(fromC, fromJava);
    }

    static List<TopicType<?>> shippedTypes() throws IllegalAccessException {
        List<TopicType<?>> out = new ArrayList<>();
        for (Class<?> holder : List.of(Ros2Types.class, Ros2SimTypes.class)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == TopicType.class) {
                    out.add((TopicType<?>) f.get(null));
                }
            }
        }
        return out;
    }

    private static String cName(String scoped) {
        return scoped.replace("::", "_");
    }

    private static String run(Path dir, String... cmd) throws Exception {
        return CPeer.run(dir, cmd);
    }
}
