"""Patch to moto 5.2.1: under enforcement, signatures are recomputed over what the client signed.

moto recomputes each request's signature to check it, and got two kinds of request wrong, answering
SignatureDoesNotMatch to a correctly signed call:
- A request without a body (Lambda's GET /2015-03-31/functions/NAME, an Invoke without payload, any
  REST GET, HEAD or DELETE): moto hashed `raw_body or data`, and `data` is then moto's parsed
  parameters (for Lambda, the request's headers), a payload the client never sent. An empty body is now
  signed as empty, except for a form post, whose parameters moto may hold in `data` only.
- A query string with a character that must be escaped (S3 ListObjectsV2 with `prefix=events/`): moto
  rebuilt the URL from the decoded query, and botocore's canonical form takes a URL's query as already
  escaped, so `events/` was signed where the client signed `events%2F`. Each name and value is now
  escaped as SigV4 requires (RFC 3986 unreserved characters kept).
- An S3 key with a character that must be escaped (the lake's `events/event_type=x/dt=…` keys): the
  same for the path, whose `=` moto had decoded where the client signed `%3D`. S3 signs the path as
  sent, so each segment is escaped again.
- Any other service's path with an escaped character (Lambda's ListTags, TagResource, UntagResource:
  /2017-03-31/tags/arn%3Aaws%3Alambda%3A…; Scheduler's tags, whose ARN also holds an escaped `/`): moto
  handed the check the decoded path, and SigV4 escapes the path as sent a second time for every service
  but S3, so `arn:` was signed where the client signed `arn%253A`. The path as sent (werkzeug's RAW_URI,
  which moto keeps as `raw_path`) is used instead; a decoded path cannot be escaped back, since `%2F`
  and `/` decode alike.
"""

import threading
from urllib.parse import quote, unquote

# The path of the request being checked, as sent, for the thread that serves it.
_sent = threading.local()

FORM = "application/x-www-form-urlencoded"


def apply():
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.iam.access_control import IAMRequestBase, S3IAMRequest

    authorize = ActionAuthenticatorMixin._authenticate_and_authorize_action

    def authorize_with_sent_path(self, *args, **kwargs):
        _sent.path = getattr(self, "raw_path", None)
        try:
            return authorize(self, *args, **kwargs)
        finally:
            _sent.path = None

    ActionAuthenticatorMixin._authenticate_and_authorize_action = authorize_with_sent_path

    original = IAMRequestBase._create_aws_request

    def create_aws_request(self):
        request = original(self)
        content_type = next((value for name, value in self._headers.items() if name.lower() == "content-type"), "")
        if not self._body and FORM not in content_type:
            request.data = b""
        path, separator, query = request.url.partition("?")
        if isinstance(self, S3IAMRequest):
            path = "/".join(quote(unquote(segment), safe="-_.~") for segment in path.split("/"))
        elif getattr(_sent, "path", None) and unquote(_sent.path) == path:
            path = _sent.path
        request.url = f"{path}?{escaped(query)}" if separator else path
        return request

    IAMRequestBase._create_aws_request = create_aws_request


def escaped(query):
    # unquote first: a query that reached moto still escaped must not be escaped twice.
    pairs = (pair.partition("=") for pair in query.split("&") if pair)
    return "&".join(f"{quote(unquote(name), safe='-_.~')}={quote(unquote(value), safe='-_.~')}" for name, _, value in pairs)
