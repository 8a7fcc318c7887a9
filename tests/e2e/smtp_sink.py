#!/usr/bin/python3
"""A local SMTP server for the browser and outbox tests: every message it
receives is written to DIR as <n>.json ({"from", "to", "subject", "text",
"html", "headers"}) and <n>.eml (raw), and one line per delivery is appended to
DIR/deliveries.jsonl ({"to", "subject", "multipart", "text", "list_unsubscribe",
"list_unsubscribe_post", "message_id"}) so tests can count what arrived.
Prints "READY <port>" once it listens.

Failure modes for the outbox tests:
  --reject ADDRESS   answers 550 to RCPT TO for this address (repeatable)
  while DIR/tempfail exists, every RCPT TO is answered 451
  --summary-only     writes only deliveries.jsonl (large runs)

Needs Debian's python3-aiosmtpd: /usr/bin/python3 smtp_sink.py --port 0 --dir DIR
"""
import argparse
import email
import email.policy
import json
import os
import signal
import socket
import threading

from aiosmtpd.controller import Controller


class SaveToDir:
    def __init__(self, directory, reject=(), summary_only=False):
        self.directory = directory
        self.reject = {a.lower() for a in reject}
        self.summary_only = summary_only
        self.count = 0
        self.lock = threading.Lock()
        self.log = open(os.path.join(directory, "deliveries.jsonl"), "a", encoding="utf-8")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 Mailbox unavailable"
        if os.path.exists(os.path.join(self.directory, "tempfail")):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        text = body.get_content().replace("\r\n", "\n") if body is not None else ""
        subject = str(message.get("Subject", ""))
        summary = {
            "to": list(envelope.rcpt_tos),
            "subject": subject,
            "multipart": message.get_content_type() == "multipart/alternative"
            and body is not None and html is not None,
            "text": text,
            "list_unsubscribe": str(message.get("List-Unsubscribe", "")),
            "list_unsubscribe_post": str(message.get("List-Unsubscribe-Post", "")),
            "message_id": str(message.get("Message-ID", "")),
        }
        with self.lock:
            self.count += 1
            n = self.count
            self.log.write(json.dumps(summary, ensure_ascii=False) + "\n")
            self.log.flush()
        if self.summary_only:
            return "250 Message accepted for delivery"
        # Only here: decoding every header and the HTML part adds about half to a
        # summary's cost, which large runs (--summary-only) do not pay.
        record = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": subject,
            "text": text,
            "html": html.get_content() if html is not None else "",
            "headers": {k: str(v) for k, v in message.items()},
        }
        base = os.path.join(self.directory, f"{n:04d}")
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        # Write under a temporary name first so readers never see half a file.
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--summary-only", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port()
    handler = SaveToDir(args.dir, args.reject, args.summary_only)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    print(f"READY {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
