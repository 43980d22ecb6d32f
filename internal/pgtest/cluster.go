// Package pgtest gives tests real PostgreSQL, as testkit gives them real
// SQLite: a database of their own on the server $PRAXIS_TEST_POSTGRES_URL
// names (CI starts one for the whole suite, see .ci/run), or else on a
// throw-away cluster the test binary starts in a temporary folder with the
// PostgreSQL found on the machine. It imports no package of Praxis, so the
// store's own tests can use it.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Cluster is a throw-away PostgreSQL server: its data lives in a temporary
// folder, removed when it stops, and it is tuned for tests (no fsync): what
// it holds is not meant to survive a crash of the machine.
type Cluster struct {
	// URL reaches the cluster's "postgres" database as its superuser.
	URL  string
	dir  string
	cmd  *exec.Cmd
	done chan struct{} // closed when the server has exited
}

// ErrNoPostgres says that PostgreSQL's programs are not on this machine.
var ErrNoPostgres = errors.New("initdb and postgres not found on PATH nor in /usr/lib/postgresql/*/bin")

// Start creates a cluster in a new temporary folder and starts its server
// on a free local port. As root, the server runs as the user postgres
// (PostgreSQL refuses to run as root). The server is a child of this
// process, killed by the system if this process dies first.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "praxis-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	cred, err := credential(dir)
	if err == nil {
		err = c.initdb(ctx, bin, cred)
	}
	for attempt := 0; err == nil && attempt < 3; attempt++ {
		var port int
		if port, err = freePort(); err != nil {
			break
		}
		if err = c.serve(ctx, bin, cred, port); err == nil {
			return c, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// binDir finds the folder of initdb and postgres: PATH first, then the
// Debian layout.
func binDir() (string, error) {
	if p, err := exec.LookPath("postgres"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(matches) == 0 {
		return "", ErrNoPostgres
	}
	return filepath.Dir(matches[len(matches)-1]), nil
}

// credential is who runs the cluster's programs: nil (this process's user),
// or the user postgres when this process runs as root, who then gets dir.
func credential(dir string) (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL needs another user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return nil, err
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func (c *Cluster) initdb(ctx context.Context, bin string, cred *syscall.Credential) error {
	// The C locale orders text by its bytes, as SQLite does.
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", filepath.Join(c.dir, "data"),
		"-U", "praxis", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w: %s", err, out)
	}
	return nil
}

// serve starts the server on port and waits until it accepts connections.
func (c *Cluster) serve(ctx context.Context, bin string, cred *syscall.Credential, port int) error {
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", filepath.Join(c.dir, "data"),
		"-p", strconv.Itoa(port), "-h", "127.0.0.1", "-k", c.dir,
		"-c", "fsync=off", "-c", "full_page_writes=off",
		"-c", "max_connections=300", "-c", "shared_buffers=64MB")
	// SIGQUIT is PostgreSQL's immediate shutdown: what the cluster holds is
	// thrown away anyway.
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT}
	logf, err := os.Create(filepath.Join(c.dir, "server.log"))
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	exited, done := make(chan error, 1), make(chan struct{})
	go func() { exited <- cmd.Wait(); close(done) }()
	c.URL = fmt.Sprintf("postgres://praxis@127.0.0.1:%d/postgres?sslmode=disable", port)
	deadline := time.After(30 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, c.URL)
		if err == nil {
			conn.Close(ctx)
			c.cmd, c.done = cmd, done
			return nil
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
			return fmt.Errorf("postgres exited: %v: %s", err, log)
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			return fmt.Errorf("postgres did not accept connections within 30s: %w", err)
		case <-ctx.Done():
			cmd.Process.Kill()
			<-exited
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop shuts the server down at once and removes its folder.
func (c *Cluster) Stop() error {
	if c.cmd != nil {
		c.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
		}
	}
	return os.RemoveAll(c.dir)
}

// freePort is a local TCP port nobody listens on at the moment.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// withDatabase is u with its database replaced by name.
func withDatabase(u, name string) (string, error) {
	p, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("postgres url: %w", err)
	}
	p.Path = "/" + name
	return p.String(), nil
}
