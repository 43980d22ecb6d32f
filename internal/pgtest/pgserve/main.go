// Command pgserve starts a throw-away PostgreSQL cluster for a whole test
// run, prints the URL to give the tests as $PRAXIS_TEST_POSTGRES_URL, and
// stops the cluster, removing its folder, on SIGINT or SIGTERM. .ci/run
// uses it, so that every test package shares one server rather than each
// starting its own.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"praxis/internal/pgtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, err := pgtest.Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgserve:", err)
		os.Exit(1)
	}
	fmt.Println(c.URL)
	<-ctx.Done()
	if err := c.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "pgserve:", err)
		os.Exit(1)
	}
}
