package io.interlock.scenarios.proxy;

/**
 * A frame the decoders could not read (malformed, truncated, encrypted by other means, or simply
 * a message kind they do not know).
 *
 * @param reason why, for a history line
 */
public record Opaque(String reason) implements FrameSummary {}
