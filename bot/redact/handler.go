package redact

import (
	"context"
	"fmt"
	"log/slog"
)

// Handler returns a slog.Handler that redacts every record before h sees
// it: the message, and every attribute's value (strings, errors, values
// that log themselves, groups, and anything else whose printed form holds
// a secret). Errors are cut to MaxError bytes.
func (r *Redactor) Handler(h slog.Handler) slog.Handler { return handler{h: h, r: r} }

type handler struct {
	h slog.Handler
	r *Redactor
}

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.h.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.String(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.r.attr(a))
		return true
	})
	return h.h.Handle(ctx, out)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = h.r.attr(a)
	}
	return handler{h: h.h.WithAttrs(red), r: h.r}
}

func (h handler) WithGroup(name string) slog.Handler {
	return handler{h: h.h.WithGroup(name), r: h.r}
}

// attr redacts an attribute's value.
func (r *Redactor) attr(a slog.Attr) slog.Attr {
	a.Value = r.value(a.Value)
	return a
}

func (r *Redactor) value(v slog.Value) slog.Value {
	v = v.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.StringValue(r.String(v.String()))
	case slog.KindGroup:
		as := v.Group()
		red := make([]slog.Attr, len(as))
		for i, a := range as {
			red[i] = r.attr(a)
		}
		return slog.GroupValue(red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.AnyValue(r.Error(x))
		case []byte:
			return slog.StringValue(r.String(string(x)))
		default:
			// Structures keep their shape unless their printed form holds
			// a secret.
			s := fmt.Sprintf("%+v", x)
			if red := r.String(s); red != s {
				return slog.StringValue(red)
			}
		}
	}
	return v
}
