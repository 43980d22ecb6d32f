package slackio

import (
	"mime"
	"net/http"
)

// JSONCharset wraps next (http.DefaultTransport when nil) so that every JSON
// body sent to Slack is labelled "application/json; charset=utf-8". Slack
// asks for the charset on JSON posts (views.publish answers a
// missing_charset warning without it), and slack-go sends a bare
// "application/json" for its JSON methods. Other requests pass unchanged.
func JSONCharset(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return charsetTransport{next: next}
}

type charsetTransport struct{ next http.RoundTripper }

// RoundTrip labels a JSON request's charset on a copy of the request, as a
// RoundTripper must not change the one it is given.
func (t charsetTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" || params["charset"] != "" {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	return t.next.RoundTrip(r)
}
