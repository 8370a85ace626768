"""A light Streamlit client over the app's websocket (`/_stcore/stream`), for many concurrent
sessions without a browser each: it asks for a page with its query string, collects the text of
every element the script sends, and stops at `script_finished`."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from google.protobuf.json_format import MessageToDict
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TEXT_FIELDS = ("body", "label", "value", "delta")


@dataclass
class Run:
    page: str
    query: str
    seconds: float = 0.0
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    finished: bool = False

    def text(self) -> str:
        return "\n".join(self.texts)


def _texts(element: dict, out: list[str], exceptions: list[str]) -> None:
    for kind, body in element.items():
        if kind == "exception":
            exceptions.append(str(body.get("message", body))[:500])
        if isinstance(body, dict):
            out += [str(body[k]) for k in TEXT_FIELDS if isinstance(body.get(k), (str, int, float))]


async def open_page(base_url: str, page: str, query: str = "", timeout: float = 120) -> Run:
    """Run `page` (its URL name, e.g. « profil ») with `query` in a new session; the time until
    the script finished."""
    run = Run(page, query)
    url = base_url.replace("http://", "ws://") + "/_stcore/stream"
    started = time.perf_counter()
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            data = await asyncio.wait_for(ws.recv(), timeout=max(1.0, timeout - (time.perf_counter() - started)))
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                _texts(MessageToDict(fwd.delta.new_element), run.texts, run.exceptions)
            elif kind == "script_finished":
                if fwd.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY:
                    run.exceptions.append(f"script_finished status {fwd.script_finished}")
                run.finished = True
                break
    run.seconds = time.perf_counter() - started
    return run
