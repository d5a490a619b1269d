package io.interlock.server.admin;

/**
 * One answer of the admin endpoint.
 *
 * @param status HTTP status (200, 201, 204, 400, 401, 403, 404, 405)
 * @param json the body, a JSON document ({@code {"error": "..."}} for 4xx), or empty for 204
 */
public record AdminResponse(int status, String json) {
    public static AdminResponse error(int status, String message) {
        return new AdminResponse(status, "{\"error\":" + AdminApi.quote(message) + "}");
    }
}
