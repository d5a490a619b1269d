package io.interlock.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and formatting for the renderers. */
final class Text {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {}

    /** A run's start for people: {@code 2026-11-21 10:00:00 UTC}. */
    static String when(Instant t) {
        return t == null ? "unknown" : WHEN.format(t);
    }

    /**
     * Makes control characters visible: C0 controls other than tab, newline and carriage return,
     * and DEL, become {@code \xNN} (file data read back as zero bytes shows as {@code \x00}), and
     * a lone surrogate becomes U+FFFD. HTML, Markdown and XML 1.0 cannot carry them as they are.
     */
    static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = null;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                rep = String.format(Locale.ROOT, "\\x%02x", (int) c);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                rep = "\uFFFD";
            }
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Escapes for HTML element content and double-quoted attribute values. */
    static String html(String raw) {
        if (raw == null) {
            return "";
        }
        String s = visible(raw);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Escapes Markdown table cell content: pipes, newlines and HTML-significant characters. */
    static String mdCell(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (String line : s.replace("\r", "").split("\n", -1)) {
            if (b.length() > 0) {
                b.append("<br>");
            }
            b.append(mdText(line)); // escapes the pipe, too
        }
        return b.toString();
    }

    /**
     * Escapes inline Markdown text (GitHub flavour): the characters that open HTML become entities
     * and those that start emphasis, code, links or headings are backslash-escaped, so a hostile
     * scenario name renders as itself; line breaks become spaces.
     */
    static String mdText(String raw) {
        if (raw == null) {
            return "";
        }
        String s = visible(raw);
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\n', '\r' -> b.append(' ');
                default -> {
                    if ("\\`*_[]{}()#+!~|".indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    /**
     * A fenced code block holding {@code content} verbatim: the fence is one backtick longer than
     * the longest backtick run inside, so the content cannot close it.
     */
    static String fenced(String info, String content) {
        String body = visible(content).replace("\r", "");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + info + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
