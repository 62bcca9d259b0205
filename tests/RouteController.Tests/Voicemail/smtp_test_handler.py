"""aiosmtpd handler for the voicemail tests: saves each accepted message as a .eml file in a directory, and
answers RCPT with 4xx or 5xx while a file named 'mode' in that directory says so ('4xx' / '5xx')."""
import os
import uuid


class SavingHandler:
    def __init__(self, directory):
        self.directory = directory

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("SavingHandler takes the directory to save messages in")
        return cls(args[0])

    def _mode(self):
        try:
            with open(os.path.join(self.directory, "mode"), encoding="ascii") as f:
                return f.read().strip()
        except FileNotFoundError:
            return "ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        mode = self._mode()
        if mode == "4xx":
            return "451 4.3.0 Mailbox temporarily unavailable, try later"
        if mode == "5xx":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        tmp = os.path.join(self.directory, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(tmp, os.path.join(self.directory, name + ".eml"))
        return "250 Message accepted for delivery"
