"""The optional OpenAI-compatible NLI backend, against a fake server on loopback."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from receipts.errors import ConfigError
from receipts.verify.nli import OpenAINli, make_nli


class FakeChat(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        prompt = body["messages"][-1]["content"]
        label = "contradiction" if "not" in prompt.split("Hypothesis:")[0] else "entailment"
        answer = {
            "choices": [{"message": {"role": "assistant", "content": json.dumps({"label": label, "confidence": 0.9})}}]
        }
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeChat.seen.clear()
    yield f"http://127.0.0.1:{httpd.server_port}/v1"
    httpd.shutdown()


def test_openai_backend_labels_pairs(server):
    nli = OpenAINli(server, model="tiny", api_key="secret")
    probs = nli.predict(
        [("The bridge has not reopened.", "The bridge reopened."), ("The bridge reopened.", "It reopened.")]
    )
    assert probs[0].argmax() == 2 and probs[1].argmax() == 0
    assert FakeChat.seen[0]["path"] == "/v1/chat/completions"
    assert FakeChat.seen[0]["body"]["model"] == "tiny" and FakeChat.seen[0]["auth"] == "Bearer secret"


def test_make_nli_prefers_endpoint(server):
    nli = make_nli("builtin", llm_url=server, llm_model="tiny")
    assert isinstance(nli, OpenAINli) and nli.method == "nli.openai.tiny"


def test_make_nli_endpoint_needs_model(server):
    with pytest.raises(ConfigError, match="RECEIPTS_LLM_MODEL"):
        make_nli("builtin", llm_url=server)


def test_unreachable_endpoint_is_a_clear_error():
    nli = OpenAINli("http://127.0.0.1:9/v1", model="tiny", timeout=2)
    with pytest.raises(ConfigError, match="127.0.0.1:9"):
        nli.predict([("a", "b")])


def test_verifier_with_llm_backend(server, parse):
    from receipts.verify.verifier import Candidate, ClaimInput, Verifier

    verifier = Verifier(lambda t: parse(t, None), nli=OpenAINli(server, model="tiny"))
    # the endpoint weighs what a rule found (issue 14: a model's call alone settles nothing)
    claim = ClaimInput("c_1", "The city hired 80 nurses in 2025.", None, "Post", "d_1", date(2026, 6, 1))
    cand = Candidate(
        "s_1", "d_2", 0, 10, "Payroll records show the city hired 35 nurses in 2025.", None, "Payroll", date(2026, 6, 2)
    )
    verdict = verifier.verify(claim, [cand])
    assert verdict.label == "REFUTED" and "nli.openai.tiny" in verdict.method


def test_eval_verify_through_llm_endpoint(server, cli, tmp_path, monkeypatch):
    rows = [
        {"premise": "The bridge has not reopened.", "hypothesis": "The bridge reopened.", "label": "contradiction"},
        {"premise": "The bridge reopened on Monday.", "hypothesis": "The bridge reopened.", "label": "entailment"},
    ]
    f = tmp_path / "pairs.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setenv("RECEIPTS_LLM_URL", server)
    monkeypatch.setenv("RECEIPTS_LLM_MODEL", "tiny")
    result = cli("eval", "verify", "--data", str(f), "--format", "nli", "--json")
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["n"] == 2 and data["accuracy"] == 1.0 and set(data) == {"n", "accuracy", "macro_f1", "per_label"}
