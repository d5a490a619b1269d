package io.interlock.scenarios.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The admin endpoint of a separately started {@code interlock serve --admin PORT} (HTTP/1.1, JSON,
 * {@code Authorization: Bearer TOKEN}; the server's {@code AdminApi} documents the resources).
 */
public final class RemoteAdmin implements ServerAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    private RemoteAdmin(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * @param address {@code HOST:PORT} or {@code http://HOST:PORT} of the admin endpoint
     * @param token the bearer token
     */
    public static RemoteAdmin of(String address, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin endpoint needs its token (--admin-token-file FILE)");
        }
        String a = address.strip();
        URI uri = URI.create(a.contains("://") ? a : "http://" + a);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("admin address must be HOST:PORT, got '" + address + "'");
        }
        return new RemoteAdmin(URI.create("http://" + uri.getHost() + ":" + uri.getPort()), token.strip());
    }

    /** The token written by {@code interlock serve --admin-token-file FILE} (first line). */
    public static String readToken(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElse("")
                .strip();
    }

    @Override
    public String describe() {
        return "admin=" + base.getHost() + ":" + base.getPort();
    }

    private record Answer(int status, JsonNode body) {}

    private Answer call(String method, String path, Object body) throws IOException {
        HttpRequest.BodyPublisher pub = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, pub)
                .build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted calling the admin endpoint");
        }
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        if (r.statusCode() == 401) {
            throw new IOException("admin endpoint " + describe() + " refused the token");
        }
        if (r.statusCode() >= 400 && r.statusCode() != 404) {
            throw new IOException("admin " + method + " " + path + " answered " + r.statusCode() + ": "
                    + json.path("error").asText(r.body()));
        }
        return new Answer(r.statusCode(), json);
    }

    private JsonNode get(String path) throws IOException {
        Answer a = call("GET", path, null);
        if (a.status() != 200) {
            throw new IOException("admin GET " + path + " answered " + a.status());
        }
        return a.body();
    }

    @Override
    public Duration breakTimeout() throws IOException {
        return Duration.parse(get("/v1/status").path("breakTimeout").asText());
    }

    @Override
    public void setBreakTimeout(Duration timeout) throws IOException {
        call("PUT", "/v1/break-timeout", Map.of("breakTimeout", timeout.toString()));
    }

    @Override
    public Set<String> faults() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        get("/v1/faults").path("enabled").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void setFault(String name, boolean on) throws IOException {
        String path = "/v1/faults/" + name.toUpperCase(Locale.ROOT);
        Answer a = call(on ? "PUT" : "DELETE", path, null);
        if (a.status() != 204) {
            throw new IOException("admin " + path + " answered " + a.status());
        }
    }

    @Override
    public AddedShare addShare(String name, String breakPolicy) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (breakPolicy != null) {
            body.put("breakPolicy", breakPolicy.toLowerCase(Locale.ROOT));
        }
        Answer a = call("POST", "/v1/shares", body);
        if (a.status() != 201) {
            throw new IOException("admin could not add share " + name + ": " + a.status());
        }
        return new AddedShare(
                a.body().path("name").asText(),
                a.body().path("smbShare").asText(),
                a.body().path("nfsExport").asText());
    }

    @Override
    public boolean removeShare(String name) throws IOException {
        return call("DELETE", "/v1/shares/" + name, null).status() == 204;
    }

    @Override
    public boolean disableShare(String name) throws IOException {
        return call("POST", "/v1/shares/" + name + "/disable", null).status() == 204;
    }

    @Override
    public Optional<TargetAdmin.LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey) throws IOException {
        for (JsonNode l : get("/v1/leases")) {
            if (l.path("clientGuid").asText().equals(clientGuid.toString())
                    && l.path("leaseKey").asText().equals(leaseKey.toString())) {
                return Optional.of(new TargetAdmin.LeaseSnapshot(
                        l.path("state").asInt(),
                        l.path("breaking").asBoolean(),
                        l.path("breakTo").asInt()));
            }
        }
        return Optional.empty();
    }

    @Override
    public TargetAdmin.BreakCount breaks(String trigger) throws IOException {
        JsonNode t = get("/v1/breaks").path(trigger.toUpperCase(Locale.ROOT));
        if (t.isMissingNode()) {
            throw new IOException("the server counts no breaks for trigger " + trigger);
        }
        return new TargetAdmin.BreakCount(
                t.path("count").asLong(), t.path("timedOut").asLong());
    }

    @Override
    public List<String> shares() throws IOException {
        List<String> out = new ArrayList<>();
        get("/v1/status").path("shares").forEach(s -> {
            if (s.path("enabled").asBoolean(true)) {
                out.add(s.path("name").asText());
            }
        });
        return out;
    }
}
