package history

import (
	"context"
	"fmt"
	"testing"
	"time"

	"praxis/internal/testkit"
	"praxis/store"
)

// channelLog writes one channel's day file of an export: questions answered
// in a thread or in the channel, as the test says.
type channelLog struct {
	at   time.Time
	msgs []M
}

func (c *channelLog) post(user, text string, thread *string) string {
	c.at = c.at.Add(time.Minute)
	ts := fmt.Sprintf("%d.000100", c.at.Unix())
	m := M{"type": "message", "user": user, "text": text, "ts": ts}
	if thread != nil {
		m["thread_ts"] = *thread
	}
	c.msgs = append(c.msgs, m)
	return ts
}

// threaded asks a question answered in its thread; inChannel one answered
// by the next message in the channel.
func (c *channelLog) threaded(i int) {
	q := c.post("U01", fmt.Sprintf("how do we rotate the key number %d?", i), nil)
	c.msgs[len(c.msgs)-1]["thread_ts"] = q
	c.post("U02", "with the runbook", &q)
	c.post("U01", "thanks, that works", &q)
	c.at = c.at.Add(2 * time.Hour)
}

func (c *channelLog) inChannel(i int) string {
	q := c.post("U01", fmt.Sprintf("what should step %d of setup.py do?", i), nil)
	c.post("U02", "install the package and its data files", nil)
	c.at = c.at.Add(2 * time.Hour)
	return q
}

func followLog(t *testing.T, c *channelLog) *store.Store {
	t.Helper()
	ex := baseExport()
	delete(ex, "security/2024-01-01.json")
	delete(ex, "security/2024-01-02.json")
	ex["security/2016-03-01.json"] = js(c.msgs)
	st := testkit.Store(t, nil)
	importPath(t, st, ex.dir(t), Options{Communities: security})
	if _, err := FollowQuestions(context.Background(), st, []string{"C01"}); err != nil {
		t.Fatal(err)
	}
	return st
}

func wantAnswered(t *testing.T, st *store.Store, ts string, answered bool) {
	t.Helper()
	q, err := st.QuestionByTS(context.Background(), "C01", ts)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.FirstAnswerer == "U02"; got != answered {
		t.Errorf("question %s: answered by %q, want answered %v", ts, q.FirstAnswerer, answered)
	}
}

// A channel that answered in threads for months, then in the channel: its
// recent questions are answered a minute later in the channel, though
// two thirds of all its messages are thread replies.
func TestFollowQuestionsOfAChannelThatLeftThreads(t *testing.T) {
	c := &channelLog{at: time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 60 {
		c.threaded(i)
	}
	var late []string
	for i := range 40 {
		late = append(late, c.inChannel(i))
	}
	st := followLog(t, c)
	for _, ts := range late[len(late)-10:] {
		wantAnswered(t, st, ts, true)
	}
}

// A channel that mixes threads and the channel: both kinds of answers are
// seen; a question nobody answers stays open.
func TestFollowQuestionsOfAChannelThatMixes(t *testing.T) {
	c := &channelLog{at: time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)}
	var inCh []string
	for i := range 30 {
		c.threaded(i)
		inCh = append(inCh, c.inChannel(i))
	}
	open := c.post("U01", "does anyone know where the release keys are?", nil)
	st := followLog(t, c)
	for _, ts := range inCh[5:] {
		wantAnswered(t, st, ts, true)
	}
	wantAnswered(t, st, open, false)
}

// Where threads are the norm, the chatter after a question is no answer.
func TestFollowQuestionsInAThreadedChannel(t *testing.T) {
	c := &channelLog{at: time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)}
	for i := range 30 {
		c.threaded(i)
	}
	q := c.post("U01", "what should setup.py do?", nil)
	c.post("U02", "lunch is ready", nil)
	st := followLog(t, c)
	wantAnswered(t, st, q, false)
}
