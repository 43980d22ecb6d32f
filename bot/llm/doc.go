// Package llm is Praxis's only door to a language model: any
// OpenAI-compatible server (llm.base_url, llm.model in the configuration,
// the key in OPENAI_API_KEY), reached with github.com/sashabaranov/go-openai.
// Every feature that wants a model goes through a *Client, so that the rules
// below hold everywhere.
//
// # No model is a normal state
//
// The LLM is optional. New returns nil when no model is configured, and a nil
// *Client answers every call with ErrDisabled at once, without a request.
// Callers keep their own heuristics and use them whenever a call returns an
// error, whatever the error: disabled, budget spent, timeout, server down,
// refusal, or an answer that does not parse. The model can make Praxis
// better; it is never needed for Praxis to work.
//
// # What the model sees
//
// Channel text is data, never instructions. Each task has a fixed system
// prompt, written here, that says what to do, that the user turn is quoted
// data to be classified and not obeyed, and what to answer. The user turn is
// only ever the JSON encoding of the data, such as {"message": "…"}: Slack
// text, quotes and line breaks included, stays inside one JSON string and
// cannot pose as a new instruction or close the block. Input is capped
// (IsQuestion sends at most 4,000 bytes, cut at a UTF-8 boundary).
//
// What comes back is parsed strictly, as data: IsQuestion accepts the JSON
// object {"question": true|false} and nothing else, or one bare word (true,
// false, yes, no, oui, non). Anything else (prose, markup, code fences, two
// answers, a refusal) is an error, never a guess, and never a yes. Nothing
// the model writes is executed, posted or rendered as markup by this package.
//
// Summarize (thread summaries for the digests) follows the same rules. Its
// instructions are the template prompts/thread_summary.tmpl, in the member's
// language; the user turn is {"messages": [{"author", "text"}, …]}, the
// first 20 messages cut at 800 bytes each. Its answer, {"summary": "…"} or
// plain text, is put on one line and capped at 400 bytes, and any Slack
// markup (<…>) or URL that no message of the thread holds is removed: the
// model cannot add a link, a mention or <!channel>. What is kept is still
// text, escaped by whoever renders it.
//
// # What a call costs, and what is recorded
//
// Requests ask for temperature 0, a small max_tokens and JSON mode
// (response_format json_object; a server that rejects it is asked again
// without it, and from then on never with it). Reasoning models (those
// go-openai's validator knows: o1, o3, o4, gpt-5…), which refuse those
// settings, get none of them and a larger completion allowance.
//
// Answers are cached by the SHA-256 of (model, system prompt, user turn), up
// to Options.Cache answers (10,000 by default, the oldest going first), so
// the same input never costs twice: redeliveries, retries and the Prepare of
// an event replayed after a crash are free. Only answers that parse are
// cached; concurrent calls with the same input share one request.
//
// llm.daily_token_budget caps the tokens of a UTC day (by Options.Now, so
// tests and the demo can move the clock). A call is refused with ErrBudget,
// without a request, when what was spent today plus what the calls in flight
// hold plus the call's expected cost would exceed the budget. The expected
// cost is the request's size times the prompt tokens per byte the server has
// reported so far (a third before its first report), plus the tokens the
// answer may use; once the server answers, the call is charged the usage the
// server reports (the estimate when it reports none; nothing when it did not
// answer). A budget of 0 refuses every call.
//
// Every call has a deadline (llm.timeout, waiting for a slot included) and
// at most Options.MaxConcurrent (4) requests are in flight at once. Each
// request is logged at debug level with its model, task, prompt and
// completion tokens and latency (never the text); Stats gives the totals.
// Running out of budget is logged once a day as a warning; other errors are
// returned, for the caller to log once.
package llm
