package dev.keyway.portal;

/** Small stroke icons (24-unit grid), inline so the page makes no extra request; they take the text colour. */
final class Icons {
    private Icons() {}

    static final String CHECK = "<path d=\"M5 12.5l4.5 4.5L19 7.5\"/>";
    static final String CROSS = "<path d=\"M7 7l10 10M17 7L7 17\"/>";
    static final String CLOCK = "<circle cx=\"12\" cy=\"12\" r=\"8.5\"/><path d=\"M12 7.5V12l3 2\"/>";
    static final String ALERT = "<circle cx=\"12\" cy=\"12\" r=\"8.5\"/><path d=\"M12 7.5v5M12 16.2v.3\"/>";
    static final String LOCK = "<rect x=\"5\" y=\"10.5\" width=\"14\" height=\"9.5\" rx=\"2\"/>"
            + "<path d=\"M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5\"/>";
    static final String KEY = "<circle cx=\"8\" cy=\"15\" r=\"4\"/><path d=\"M10.9 12.1L19 4M15.5 7.5l2.5 2.5\"/>";
    static final String USER = "<circle cx=\"12\" cy=\"8.5\" r=\"3.5\"/><path d=\"M5 20a7 7 0 0 1 14 0\"/>";
    static final String SIGN_IN = "<path d=\"M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4\"/>"
            + "<path d=\"M9.5 16.5L14 12 9.5 7.5M14 12H4\"/>";
    static final String SERVER = "<rect x=\"4\" y=\"4.5\" width=\"16\" height=\"6\" rx=\"1.5\"/>"
            + "<rect x=\"4\" y=\"13.5\" width=\"16\" height=\"6\" rx=\"1.5\"/><path d=\"M8 7.5h.01M8 16.5h.01\"/>";
    static final String BACK = "<path d=\"M19 12H5M11 6l-6 6 6 6\"/>";
    static final String CHEVRON = "<path d=\"M9.5 6l6 6-6 6\"/>";

    static String svg(String paths, String cssClass) {
        return "<svg class=\"icon " + cssClass + "\" width=\"24\" height=\"24\" viewBox=\"0 0 24 24\" fill=\"none\""
                + " stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\""
                + " aria-hidden=\"true\" focusable=\"false\">" + paths + "</svg>";
    }
}
