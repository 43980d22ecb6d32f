package slackemu

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
)

// ErrClosed is returned by waits and deliveries once the server is closed.
var ErrClosed = errors.New("slackemu: server closed")

// Options configures a Server. The zero value is usable: every field has a
// default, listed next to it.
type Options struct {
	// BotToken must accompany every Web API call, as an "Authorization:
	// Bearer" header or a token argument. Default "xoxb-emulator".
	BotToken string
	// AppToken is the app-level token apps.connections.open requires.
	// Default "xapp-emulator".
	AppToken string
	// SigningSecret signs Events API HTTP deliveries. Default "emulator-secret".
	SigningSecret string
	// TeamID is the workspace ID. Default "T0EMU".
	TeamID string
	// TeamName is the workspace name team.info and auth.test report.
	// Default "Praxis Emulator".
	TeamName string
	// AppID is the app's ID (api_app_id in envelopes). Default "A0EMU".
	AppID string
	// BotUserID is the bot's user ID. Default "UPRAXIS".
	BotUserID string
	// BotID is the bot's bot ID (bot_id on its messages). Default "BPRAXIS".
	BotID string
	// BotName is the bot user's name. Default "praxis".
	BotName string
	// Command is the slash command SlashCommand sends. Default "/praxis".
	Command string
	// Subscriptions lists the inner event types delivered, like the bot
	// events of an app manifest ("message", "app_mention", ...). Empty means
	// every type. DeliverRaw ignores it.
	Subscriptions []string
	// AckTimeout is how long an envelope may stay unacknowledged before it is
	// redelivered (Socket Mode), and the HTTP delivery timeout (Events API).
	// Events are retried at most 3 times, like Slack. Default 3s.
	AckTimeout time.Duration
	// PingInterval is how often each Socket Mode connection is sent a
	// WebSocket ping. It must stay below the client's maximum ping interval
	// (30s by default in slack-go). Default 5s.
	PingInterval time.Duration
	// EventsURL, when set, switches delivery from Socket Mode to Events API
	// HTTP POSTs to this URL.
	EventsURL string
	// CommandsURL receives slash commands in HTTP mode. Default: EventsURL
	// with the path "/slack/commands".
	CommandsURL string
	// InteractiveURL receives interaction payloads in HTTP mode. Default:
	// EventsURL with the path "/slack/interactivity".
	InteractiveURL string
	// Scopes are the bot token's scopes: a call that needs another (see
	// neededLocked) answers missing_scope with needed and provided, as
	// Slack does. Nil grants every scope.
	Scopes []string
	// Now stamps message ts and event_time. Default time.Now.
	Now func() time.Time
	// Logf, if set, receives a line for each notable emulator decision.
	Logf func(format string, args ...any)
}

// withDefaults returns o with every empty field set to its default.
func (o Options) withDefaults() Options {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&o.BotToken, "xoxb-emulator")
	def(&o.AppToken, "xapp-emulator")
	def(&o.SigningSecret, "emulator-secret")
	def(&o.TeamID, "T0EMU")
	def(&o.TeamName, "Praxis Emulator")
	def(&o.AppID, "A0EMU")
	def(&o.BotUserID, "UPRAXIS")
	def(&o.BotID, "BPRAXIS")
	def(&o.BotName, "praxis")
	def(&o.Command, "/praxis")
	if o.EventsURL != "" {
		def(&o.CommandsURL, withPath(o.EventsURL, "/slack/commands"))
		def(&o.InteractiveURL, withPath(o.EventsURL, "/slack/interactivity"))
	}
	if o.AckTimeout <= 0 {
		o.AckTimeout = 3 * time.Second
	}
	if o.PingInterval <= 0 {
		o.PingInterval = 5 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

// withPath returns raw with its path replaced by path and no query.
func withPath(raw, path string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path, u.RawPath, u.RawQuery = path, "", ""
	return u.String()
}

// Server is a running emulator. Its methods are safe for concurrent use.
type Server struct {
	opts   Options
	srv    *http.Server
	base   string
	client *http.Client
	api    map[string]apiMethod

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	lifeMu sync.Mutex
	closed bool

	seq atomic.Int64 // source of unique IDs

	mu sync.Mutex // guards the workspace and the maps below
	ws workspace

	rec    recorder
	faults faultInjector
	disp   *dispatcher
}

// New starts an emulator listening on 127.0.0.1 at a free port. Like
// httptest.NewServer, it panics if it cannot listen.
func New(opts Options) *Server {
	opts = opts.withDefaults()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("slackemu: listen: %v", err))
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts:   opts,
		base:   "http://" + ln.Addr().String(),
		client: &http.Client{Transport: &http.Transport{Proxy: nil}},
		ctx:    ctx,
		cancel: cancel,
	}
	s.api = s.apiTable()
	s.ws = newWorkspace(opts)
	s.disp = newDispatcher(opts.EventsURL != "", opts.AckTimeout, opts.Logf, s.newEnvelopeID)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.serveAPI)
	mux.HandleFunc("/ws", s.serveSocket)
	mux.HandleFunc("/upload/", s.serveUpload)
	mux.HandleFunc("/files/", s.serveFile)
	mux.HandleFunc("/respond/", s.serveResponseURL)
	s.srv = &http.Server{Handler: s.track(mux), ReadHeaderTimeout: 10 * time.Second}
	s.spawn(func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.opts.Logf("slackemu: serve: %v", err)
		}
	})
	s.spawn(s.pump)
	return s
}

// URL returns the emulator's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.base }

// APIURL returns the Web API base URL to pass to slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.base + "/api/" }

// Client returns a real slack-go client for the emulator, with its bot and
// app tokens: the client a test hands the code it tests.
func (s *Server) Client() *slack.Client {
	return slack.New(s.opts.BotToken, slack.OptionAPIURL(s.APIURL()), slack.OptionAppLevelToken(s.opts.AppToken))
}

// Close stops the server: it closes every connection, stops every loop and
// waits for them. Deliveries still pending are dropped.
func (s *Server) Close() {
	s.lifeMu.Lock()
	if s.closed {
		s.lifeMu.Unlock()
		return
	}
	s.closed = true
	s.lifeMu.Unlock()

	s.cancel()
	for _, c := range s.disp.detachAll() {
		c.close()
	}
	_ = s.srv.Close() // handlers still running see s.ctx done and return
	s.wg.Wait()
	s.client.CloseIdleConnections()
}

// spawn runs f in a goroutine that Close waits for. It reports false, and
// does not run f, once Close has begun.
func (s *Server) spawn(f func()) bool {
	s.lifeMu.Lock()
	defer s.lifeMu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Go(f)
	return true
}

// track counts requests in the goroutines Close waits for, and turns them
// away once Close has begun. http.Server.Shutdown is not used: it waits for
// idle connections that never sent a request, which clients sometimes open.
func (s *Server) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.lifeMu.Lock()
		if s.closed {
			s.lifeMu.Unlock()
			http.Error(w, "slackemu: server closed", http.StatusServiceUnavailable)
			return
		}
		s.wg.Add(1)
		s.lifeMu.Unlock()
		defer s.wg.Done()
		h.ServeHTTP(w, r)
	})
}

// newID returns prefix followed by a unique, zero-padded number.
func (s *Server) newID(prefix string) string {
	return fmt.Sprintf("%s%08X", prefix, s.seq.Add(1))
}

// newEnvelopeID returns a unique envelope ID shaped like Slack's UUIDs.
func (s *Server) newEnvelopeID() string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", s.seq.Add(1))
}
