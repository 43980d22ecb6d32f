package redact

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	r := New("s3cr3t-signing-value", "short", "")
	for _, c := range []struct{ in, want string }{
		{"auth.test: BODY token=xoxb-1234-5678-abcdef&channel=C1", "auth.test: BODY token=" + Mark + "&channel=C1"},
		{"key xoxb-1234-5678-abcdef in text", "key xoxb-" + Mark + " in text"},
		{"user xoxp-1-2-3 app xapp-1-A0-99-ff refresh xoxe.xoxp-1-Mi0 config xoxe-1-My0",
			"user xoxp-" + Mark + " app xapp-" + Mark + " refresh xoxe.xoxp-" + Mark + " config xoxe-" + Mark},
		{"Authorization: Bearer sk-proj-abcdefghijklmnop", "Authorization: " + Mark},
		{`headers map[Authorization:[Bearer sk-abcdefghijklmnop] Content-Type:[application/json]]`,
			`headers map[Authorization:` + Mark + ` sk-` + Mark + `] Content-Type:[application/json]]`},
		{"sent with bearer abcdef0123456789", "sent with bearer " + Mark},
		{"proxy said Basic Ym90Omh1bnRlcjI= and basic knowledge", "proxy said Basic " + Mark + " and basic knowledge"},
		{`{"token":"xoxb-1","api_key": "k-123", "text":"hello"}`,
			`{"token":"` + Mark + `","api_key": "` + Mark + `", "text":"hello"}`},
		{"GET https://bot:hunter2@proxy.example.com/api?api_key=abc123&x=1",
			"GET https://" + Mark + "@proxy.example.com/api?api_key=" + Mark + "&x=1"},
		{"signature s3cr3t-signing-value, url-encoded s3cr3t-signing-value",
			"signature " + Mark + ", url-encoded " + Mark},
		{"a short word stays short", "a short word stays short"},
		{"the sk-learn library, desk-reservations, a desk-booking",
			"the sk-learn library, desk-reservations, a desk-booking"},
		{"form%22sk-abcdefghijk%22", "form%22sk-" + Mark + "%22"},
		{"body=%7B%22t%22%3A%22xoxb-12-34%22", "body=%7B%22t%22%3A%22xoxb-" + Mark + "%22"},
		{"channel_not_found", "channel_not_found"},
	} {
		if got := r.String(c.in); got != c.want {
			t.Errorf("String(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	var none *Redactor
	if got := none.String("token=xoxb-1-2"); got != "token="+Mark {
		t.Errorf("a nil Redactor: got %q, want the shapes redacted", got)
	}
	if got := New("a+b/c=d&e").String("x a%2Bb%2Fc%3Dd%26e y"); got != "x "+Mark+" y" {
		t.Errorf("got %q, want the URL-encoded secret redacted", got)
	}
}

func TestError(t *testing.T) {
	r := New("configured-secret")
	base := fmt.Errorf("auth.test: %w", fs.ErrNotExist)
	err := r.Error(fmt.Errorf("%w: body configured-secret %s", base, strings.Repeat("é", MaxError)))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Error("errors.Is no longer sees the cause")
	}
	text := err.Error()
	if strings.Contains(text, "configured-secret") || len(text) > MaxError+40 || !strings.HasSuffix(text, " more bytes)") {
		t.Errorf("got %d bytes %q…, want the secret out and the text cut", len(text), text[:80])
	}
	if !strings.HasPrefix(text, "auth.test: file does not exist: body "+Mark) {
		t.Errorf("got %q…", text[:80])
	}
	if r.Error(nil) != nil {
		t.Error("nil is not nil")
	}
	twice := New("other-secret-x").Error(r.Error(errors.New("configured-secret and other-secret-x")))
	if got := twice.Error(); got != Mark+" and "+Mark {
		t.Errorf("got %q, want both redactors' secrets out", got)
	}
}

// The handler leaves no secret in a record: message, attributes, groups,
// errors, values that log themselves, attributes added with With.
func TestHandler(t *testing.T) {
	const key = "sk-abcdefghijklmnopqrstuvwxyz"
	for _, newInner := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler {
			return slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		},
		func(b *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})
		},
	} {
		var b bytes.Buffer
		log := slog.New(New("p4ssw0rd-value").Handler(newInner(&b)))
		log = log.With("component", "llm", "proxy", "https://u:p4ssw0rd-value@proxy")
		echo := errors.New(`echo {"Authorization":"Bearer ` + key + `"}`)
		log.Debug("llm call Bearer "+key, "err", fmt.Errorf("llm classify: %w", echo))
		log.WithGroup("req").Warn("slack", slog.Group("form", "body", []byte("token=xoxb-1-2-3")), "value", logs{})
		log.Info("struct", "v", struct{ Token string }{"xoxb-9-8-7"}, "n", 42, "ok", true)
		out := b.String()
		for _, secret := range []string{"abcdefghijklmnop", "p4ssw0rd-value", "xoxb-1", "xoxb-9", "xapp-42"} {
			if strings.Contains(out, secret) {
				t.Errorf("the log holds %q:\n%s", secret, out)
			}
		}
		for _, kept := range []string{"llm call", "component", "42", "true", "llm classify"} {
			if !strings.Contains(out, kept) {
				t.Errorf("the log lost %q:\n%s", kept, out)
			}
		}
	}
}

// logs is a value that logs itself with a secret in it.
type logs struct{}

func (logs) LogValue() slog.Value { return slog.StringValue("app token xapp-42-ab") }

// Whatever surrounds a configured secret, it never comes out, and the
// shapes never come out either.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "token=", "Bearer ", "xoxb-", "%", "s3cr3t", "\xff", "https://a:b@"} {
		f.Add(s, s)
	}
	const secret = "s3cr3t-value+/="
	r := New(secret)
	f.Fuzz(func(t *testing.T, before, after string) {
		for _, in := range []string{
			before + secret + after, before + "xoxb-1234-5678-zz" + after, before + " sk-abcdefghijk" + after,
		} {
			out := r.String(in)
			for _, s := range []string{secret, "xoxb-1234", "sk-abcdefghijk"} {
				if strings.Contains(out, s) && !strings.Contains(before+after, s) {
					t.Fatalf("String(%q) = %q holds %q", in, out, s)
				}
			}
		}
	})
}
