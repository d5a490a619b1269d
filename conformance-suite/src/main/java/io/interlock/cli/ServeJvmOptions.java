package io.interlock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options {@code interlock serve} runs with: {@code serve.jvm-options} beside this class
 * (the {@code ./interlock} launcher reads the same file), then those of the environment variable
 * {@code INTERLOCK_SERVE_JAVA_OPTS}, which come later and so win.
 */
final class ServeJvmOptions {
    static final String RESOURCE = "serve.jvm-options";
    static final String ENV = "INTERLOCK_SERVE_JAVA_OPTS";

    private ServeJvmOptions() {}

    /** The options for a forked {@code serve}, in order. */
    static List<String> forFork() {
        List<String> opts = new ArrayList<>(defaults());
        opts.addAll(words(System.getenv(ENV)));
        return opts;
    }

    /** The file's options: one per line, without comments and blank lines. */
    static List<String> defaults() {
        try (InputStream in = ServeJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> parse(String text) {
        List<String> opts = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            opts.addAll(words(hash < 0 ? line : line.substring(0, hash)));
        }
        return opts;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
