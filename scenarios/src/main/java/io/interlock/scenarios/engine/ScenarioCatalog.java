package io.interlock.scenarios.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bundled scenarios: {@code catalog/*.yaml} on the classpath, listed in {@code catalog/INDEX}
 * (one file name per line; a unit test keeps it in step with the directory).
 */
public final class ScenarioCatalog {
    public static final String DIR = "catalog/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioCatalog() {}

    /** Every bundled scenario, in INDEX order. */
    public static List<Scenario> load() {
        List<Scenario> out = new ArrayList<>();
        for (String file : index()) {
            out.add(loadResource(DIR + file));
        }
        return out;
    }

    /** The bundled scenario with this id, if any. */
    public static Optional<Scenario> find(String id) {
        return load().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    static List<String> index() {
        try (InputStream in = resource(DIR + "INDEX")) {
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    names.add(l);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ScenarioCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource not found: " + name);
        }
        return in;
    }

    static Scenario loadResource(String name) {
        try (InputStream in = resource(name)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one scenario; {@code origin} names it in error messages. */
    public static Scenario parse(String yaml, String origin) {
        try {
            return YAML.readValue(yaml, Scenario.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid scenario " + origin + ": " + e.getMessage(), e);
        }
    }
}
