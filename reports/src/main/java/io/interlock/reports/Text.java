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
        return html(s).replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
