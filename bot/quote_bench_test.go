package bot

import (
	"strings"
	"testing"
)

// BenchmarkQuote measures a quote of a typical message (a digest quotes
// thousands), and of 40,000-character hostile ones, whole and cut.
//
//	go test ./bot/ -run '^$' -bench Quote -benchmem
func BenchmarkQuote(b *testing.B) {
	typical := "Anyone knows how to roll back a helm release on &lt;prod&gt; &amp; staging? " +
		"The runbook <https://wiki.example.com/x|the wiki page> says to ask <@U0QI1QSP8Y> in <#C04F1XTX04|platform-guild>, " +
		"but the steps look outdated since the upgrade last week."
	cases := map[string]string{"typical": typical, "plain": strings.Repeat("plain words ", 20)}
	for name, s := range hostile() {
		cases["40k_"+name] = s
	}
	for name, s := range cases {
		for _, max := range []int{0, 160} {
			b.Run(name+"/max"+map[int]string{0: "0", 160: "160"}[max], func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for b.Loop() {
					Quote(s, Mrkdwn, max, names)
				}
			})
		}
	}
}
