package digest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"praxis/bot"
	"praxis/bot/expert"
)

// readQuestions ranks the open questions once: who could answer each.
func (s *Snapshot) readQuestions(ctx context.Context) error {
	eng := s.r.opts.Experts
	if eng == nil {
		return nil
	}
	qs, err := s.r.st.OpenQuestions(ctx, s.from.AddDate(0, 0, -14))
	if err != nil {
		return err
	}
	if len(qs) > maxOpenQuestions {
		qs = qs[len(qs)-maxOpenQuestions:]
	}
	for _, q := range qs {
		if !q.AskedAt.Before(s.to) {
			continue
		}
		m, err := s.r.st.MessageByTS(ctx, q.ChannelID, q.TS)
		if err != nil {
			continue // deleted meanwhile: nothing to answer
		}
		res, err := eng.Rank(ctx, expert.Query{
			Text:     m.Text,
			Asker:    q.Asker,
			Channel:  q.ChannelID,
			ThreadTS: q.TS,
			Limit:    3,
			Now:      s.to,
		})
		if err != nil {
			return fmt.Errorf("rank open question: %w", err)
		}
		r := ranked{
			Item: Item{
				Kind:      KindQuestion,
				Key:       "question:" + q.ChannelID + ":" + q.TS,
				ChannelID: q.ChannelID,
				Channel:   s.names[q.ChannelID],
				TS:        q.TS,
				User:      q.Asker,
				Summary:   s.quote(m.Text, 160),
				At:        q.AskedAt,
				Link:      expert.Permalink(s.r.opts.TeamURL, expert.ThreadRef{ChannelID: q.ChannelID, TS: q.TS}),
			},
			top: map[string]bool{},
		}
		for _, c := range res.Experts {
			r.top[c.User] = true
		}
		if len(r.top) > 0 {
			s.questions = append(s.questions, r)
		}
	}
	return nil
}

// readResources reads the links and files shared and the newcomers.
func (s *Snapshot) readResources(ctx context.Context) error {
	rs, err := s.r.st.ResourcesShared(ctx, s.from, s.to)
	if err != nil {
		return err
	}
	for _, r := range slices.Backward(rs) { // newest first
		url, title := r.URL, cmp.Or(r.Title, r.URL)
		if r.Kind == "file" { // from Slack's file object: plain text, not a message's
			url, title = bot.Escape(url), bot.Escape(title)
		}
		s.resources = append(s.resources, Item{
			Kind:      KindResource,
			Key:       fmt.Sprintf("resource:%d", r.ID),
			ChannelID: r.ChannelID,
			Channel:   s.names[r.ChannelID],
			TS:        r.MsgTS,
			User:      r.UserID,
			URL:       r.URL,
			Title:     s.quote("<"+url+"|"+title+">", 100),
			At:        r.SharedAt,
			Link:      expert.Permalink(s.r.opts.TeamURL, expert.ThreadRef{ChannelID: r.ChannelID, TS: r.MsgTS}),
		})
	}
	js, err := s.r.st.Joins(ctx, s.from, s.to)
	if err != nil {
		return err
	}
	for _, j := range slices.Backward(js) {
		s.newcomers = append(s.newcomers, Item{
			Kind:      KindNewcomer,
			Key:       "newcomer:" + j.ChannelID + ":" + j.MemberID,
			ChannelID: j.ChannelID,
			Channel:   s.names[j.ChannelID],
			TS:        j.TS,
			User:      j.MemberID,
			At:        j.At,
			Link:      expert.Permalink(s.r.opts.TeamURL, expert.ThreadRef{ChannelID: j.ChannelID, TS: j.TS}),
		})
	}
	return nil
}
