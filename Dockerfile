# syntax=docker/dockerfile:1
#
# Praxis's container image: docs/operations.md says how to run it.
#
#   docker build -t praxis --build-arg VERSION=$(git describe --tags --always) .
#
# The build stage compiles a static binary: SQLite is modernc.org/sqlite, in
# pure Go, and PostgreSQL's driver (jackc/pgx) is pure Go too, so no C
# toolchain and no libc are needed at run time.

# The Go of go.mod's `go` line (a newer patch release is fine).
ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION} AS build
WORKDIR /src
# Modules first, in their own layer: rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/praxis ./cmd/praxis
# The SQLite volume's mount point, owned by the runtime user (a new named
# volume takes this ownership when it is first mounted).
RUN mkdir -p /out/data

# distroless/static: CA certificates (Slack and a model are reached over
# HTTPS), /etc/passwd with the nonroot user (65532), no shell, no package
# manager. Time zones are compiled into the binary (time/tzdata).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/praxis /usr/local/bin/praxis
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
# Relative paths resolve here: the default database.path, praxis.db, is /data/praxis.db.
WORKDIR /data
VOLUME /data
# The configuration file: mount it there, or point PRAXIS_CONFIG elsewhere.
# Secrets come from the environment only (SLACK_BOT_TOKEN, SLACK_APP_TOKEN or
# SLACK_SIGNING_SECRET, OPENAI_API_KEY).
ENV PRAXIS_CONFIG=/etc/praxis/praxis.yaml
# admin.listen (/healthz, /metrics) must be ":9090" in the configuration to be
# reachable from outside the container; slack.listen (http mode) e.g. ":3000".
EXPOSE 9090 3000
ENTRYPOINT ["/usr/local/bin/praxis"]
CMD ["run"]
