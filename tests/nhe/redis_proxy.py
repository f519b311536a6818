"""A TCP relay to the test Redis server that a test can take away and bring back, as a
network fault or a hung server would, while the server keeps its data."""

import contextlib
import selectors
import socket
import threading


class RedisRelay:
    """Listens on a loopback port of its own. "up": relays to the real server; "hung":
    accepts connections and never answers; "refusing": resets every connection."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.mode = "up"
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.open = []
        self.accepted = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def set_mode(self, mode):
        """Change what new and existing connections get; existing ones are cut when the
        server goes away, as when it restarts or the network breaks."""
        self.mode = mode
        if mode != "up":
            self._cut_all()

    def close(self):
        self.stop.set()
        self.thread.join()
        self._cut_all()
        self.server.close()

    def _cut_all(self):
        with self.lock:
            sockets, self.open = self.open, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self):
        while not self.stop.is_set():
            try:
                client, _ = self.server.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            if self.mode == "refusing":
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                client.close()
                continue
            with self.lock:
                self.open.append(client)
            if self.mode == "hung":
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.open.append(upstream)
            threading.Thread(target=self._relay, args=(client, upstream), daemon=True).start()

    def _relay(self, client, upstream):
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while not self.stop.is_set():
                for key, _ in selector.select(timeout=0.1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
        except (OSError, ValueError):
            return
        finally:
            selector.close()
            for sock in (client, upstream):
                sock.close()


def use_redis_as_production_does(settings, location, *, timeout=0.2, key_prefix=""):
    """Point both cache aliases at `location`, configured as nhe/settings.py configures Redis
    (the breaker, misses for errors, bounded timeouts), with rate limits and read counts on
    the same server, as without COUNTERS_CACHE_URL."""
    cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "nhe.cache.CircuitBreakerClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
        },
    }
    settings.CACHES = {"default": cache, "counters": cache}
