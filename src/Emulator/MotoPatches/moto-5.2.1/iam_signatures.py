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
"""

from urllib.parse import quote, unquote

FORM = "application/x-www-form-urlencoded"


def apply():
    from moto.iam.access_control import IAMRequestBase

    original = IAMRequestBase._create_aws_request

    def create_aws_request(self):
        request = original(self)
        content_type = next((value for name, value in self._headers.items() if name.lower() == "content-type"), "")
        if not self._body and FORM not in content_type:
            request.data = b""
        path, separator, query = request.url.partition("?")
        if separator:
            request.url = f"{path}?{escaped(query)}"
        return request

    IAMRequestBase._create_aws_request = create_aws_request


def escaped(query):
    # unquote first: a query that reached moto still escaped must not be escaped twice.
    pairs = (pair.partition("=") for pair in query.split("&") if pair)
    return "&".join(f"{quote(unquote(name), safe='-_.~')}={quote(unquote(value), safe='-_.~')}" for name, _, value in pairs)
