package io.interlock.reports;

/** Escaping for the renderers. */
final class Text {
    private Text() {}

    /** Escapes for HTML element content and double-quoted attribute values. */
    static String html(String s) {
        if (s == null) {
            return "";
        }
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
    static String mdText(String s) {
        if (s == null) {
            return "";
        }
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
        String body = content == null ? "" : content.replace("\r", "");
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
