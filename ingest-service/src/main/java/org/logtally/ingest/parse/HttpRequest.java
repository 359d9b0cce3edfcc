package org.logtally.ingest.parse;

/**
 * The parts of an HTTP request line such as {@code GET /path HTTP/1.1}. All parts are null
 * when the request field is empty, {@code -} or not a request at all, for example TLS bytes
 * sent to a plain HTTP port.
 */
record HttpRequest(String method, String path, String protocol) {

    private static final HttpRequest NONE = new HttpRequest(null, null, null);
    private static final int MAX_METHOD_LENGTH = 20;

    static HttpRequest parse(String request) {
        int first = request.indexOf(' ');
        if (first <= 0) {
            return NONE;
        }
        String method = request.substring(0, first);
        if (!isMethod(method)) {
            return NONE;
        }
        int last = request.lastIndexOf(' ');
        if (last == first) {
            // An HTTP/0.9 request line has no protocol part.
            String path = request.substring(first + 1);
            return path.startsWith("/") ? new HttpRequest(method, path, null) : NONE;
        }
        String path = request.substring(first + 1, last);
        String protocol = request.substring(last + 1);
        if (path.isEmpty() || !protocol.startsWith("HTTP/")) {
            return NONE;
        }
        return new HttpRequest(method, path, protocol);
    }

    /** Accepts method tokens of upper-case letters, {@code _} and {@code -}, as nginx writes them. */
    private static boolean isMethod(String token) {
        if (token.length() > MAX_METHOD_LENGTH) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c < 'A' || c > 'Z') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
