// Command workload is Shakedown's test workload: a tiny HTTP service with a durable key-value store.
//
//	GET  /          {"pod": "$HOSTNAME"}
//	GET  /healthz   200 "ok" (503 while shutting down)
//	PUT  /kv/<key>  body = value; written to $DATA_DIR/<key>, fsynced, then 200
//	GET  /kv/<key>  the value, or 404
//	GET  /kv        every "key=value" line, sorted by key
//
// With -unsafe (or UNSAFE=true) a write is acknowledged before it is persisted: it is kept in memory and
// flushed every -flush-interval, and not at shutdown. A kill, even a graceful one, between two flushes loses
// acknowledged writes, on purpose: that is the defect a data-integrity scenario must catch. SIGTERM and
// SIGINT shut the server down gracefully (in-flight requests complete).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var validKey = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)

// store is a directory of one file per key. In unsafe mode writes wait in pending until the next flush.
type store struct {
	dir     string
	unsafe  bool
	mu      sync.Mutex
	pending map[string]string
}

func (s *store) put(key, value string) error {
	if s.unsafe {
		s.mu.Lock()
		s.pending[key] = value
		s.mu.Unlock()
		return nil
	}
	return writeDurably(s.dir, key, value)
}

func (s *store) get(key string) (string, bool, error) {
	s.mu.Lock()
	v, ok := s.pending[key]
	s.mu.Unlock()
	if ok {
		return v, true, nil
	}
	b, err := os.ReadFile(filepath.Join(s.dir, key))
	if errors.Is(err, os.ErrNotExist) {
		return "", false, nil
	}
	return string(b), err == nil, err
}

func (s *store) all() (map[string]string, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !validKey.MatchString(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[e.Name()] = string(b)
	}
	s.mu.Lock()
	for k, v := range s.pending {
		out[k] = v
	}
	s.mu.Unlock()
	return out, nil
}

// flush persists the pending writes of unsafe mode.
func (s *store) flush() {
	s.mu.Lock()
	batch := s.pending
	s.pending = map[string]string{}
	s.mu.Unlock()
	for k, v := range batch {
		if err := writeDurably(s.dir, k, v); err != nil {
			log.Printf("flush %s: %v", k, err)
		}
	}
}

// writeDurably writes to a temporary file, fsyncs it, renames it over the key and fsyncs the directory.
func writeDurably(dir, key, value string) error {
	tmp, err := os.CreateTemp(dir, ".tmp-"+key+"-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(value); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, key)); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

type server struct {
	pod      string
	store    *store
	stopping atomic.Bool
}

func (sv *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", sv.root)
	mux.HandleFunc("/healthz", sv.healthz)
	mux.HandleFunc("/kv", sv.list)
	mux.HandleFunc("/kv/", sv.kv)
	return mux
}

func (sv *server) root(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Pod", sv.pod)
	json.NewEncoder(w).Encode(map[string]string{"pod": sv.pod})
}

func (sv *server) healthz(w http.ResponseWriter, r *http.Request) {
	if sv.stopping.Load() {
		http.Error(w, "stopping", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}

func (sv *server) list(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	all, err := sv.store.all()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Pod", sv.pod)
	for _, k := range keys {
		fmt.Fprintf(w, "%s=%s\n", k, all[k])
	}
}

func (sv *server) kv(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/kv/")
	if !validKey.MatchString(key) {
		http.Error(w, "invalid key: want [A-Za-z0-9._-]{1,128}", http.StatusBadRequest)
		return
	}
	w.Header().Set("X-Pod", sv.pod)
	switch r.Method {
	case http.MethodPut:
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if err := sv.store.put(key, string(body)); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "ok")
	case http.MethodGet:
		v, ok, err := sv.store.get(key)
		switch {
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
		case !ok:
			http.NotFound(w, r)
		default:
			io.WriteString(w, v)
		}
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	addr := flag.String("addr", envOr("ADDR", ":8080"), "listen address")
	dataDir := flag.String("data-dir", envOr("DATA_DIR", "/tmp/shakedown-data"), "directory of the key-value store")
	unsafe := flag.Bool("unsafe", envOr("UNSAFE", "false") == "true", "acknowledge writes before persisting them")
	flushEvery := flag.Duration("flush-interval", 3*time.Second, "how often unsafe mode persists pending writes")
	flag.Parse()

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		log.Fatalf("data dir %s: %v", *dataDir, err)
	}
	pod, _ := os.Hostname()
	pod = envOr("HOSTNAME", pod)
	sv := &server{pod: pod, store: &store{dir: *dataDir, unsafe: *unsafe, pending: map[string]string{}}}
	httpServer := &http.Server{Addr: *addr, Handler: sv.routes(), ReadHeaderTimeout: 5 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if *unsafe {
		go func() {
			t := time.NewTicker(*flushEvery)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					sv.store.flush()
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		<-ctx.Done()
		sv.stopping.Store(true)
		log.Printf("signal received, shutting down")
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		httpServer.Shutdown(shutdown)
	}()
	log.Printf("pod %s serving on %s, data in %s, unsafe=%v", pod, *addr, *dataDir, *unsafe)
	if err := httpServer.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	if *unsafe {
		sv.store.mu.Lock()
		log.Printf("unsafe: %d acknowledged writes not persisted", len(sv.store.pending))
		sv.store.mu.Unlock()
	}
	log.Printf("stopped")
}
