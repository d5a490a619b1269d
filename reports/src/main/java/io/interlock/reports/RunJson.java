package io.interlock.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** run.json: the result model as JSON (ISO-8601 instants, camelCase keys). */
public final class RunJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {}

    public static String toJson(Run run) throws IOException {
        return MAPPER.writeValueAsString(run);
    }

    public static Run fromJson(String json) throws IOException {
        return MAPPER.readValue(json, Run.class);
    }

    public static void write(Run run, Path file) throws IOException {
        Files.writeString(file, toJson(run));
    }

    public static Run read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
