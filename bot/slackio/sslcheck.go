package slackio

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
)

// maxSSLCheck bounds what is read to recognise an ssl_check request: Slack
// sends two short form fields (ssl_check=1&token=…).
const maxSSLCheck = 4 << 10

// sslChecked answers Slack's certificate check on the slash commands URL
// with 200 before any signature check, as Slack asks
// (https://docs.slack.dev/interactivity/implementing-slash-commands/: an
// unsigned POST of ssl_check=1 when the URL is saved or its certificate
// renewed). It is not a command and stores nothing. Every other request
// goes on to next with its body untouched, signature checks included.
func sslChecked(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		peek, err := io.ReadAll(io.LimitReader(r.Body, maxSSLCheck+1))
		if err == nil && len(peek) <= maxSSLCheck && isSSLCheck(peek) {
			w.WriteHeader(http.StatusOK)
			return
		}
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(peek), r.Body), r.Body}
		next(w, r)
	}
}

// isSSLCheck reports whether a form body is Slack's ssl_check, not a command.
func isSSLCheck(body []byte) bool {
	form, err := url.ParseQuery(string(body))
	return err == nil && form.Get("ssl_check") == "1" && form.Get("command") == ""
}
