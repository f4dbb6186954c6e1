#!/usr/bin/env python3
# A recording stand-in for the docker CLI: no Docker engine runs on the build machines. It appends
# each call's argv, stdin (only when --password-stdin asks for it) and working directory to
# calls.jsonl next to itself, and behaves like docker for the commands the image release issues:
# buildx build remembers the tagged image, login remembers the registry, push refuses without
# both (as docker does), registers a manifest in ECR through the real aws CLI and prints the
# digest line the real client prints. Files next to it switch failures on: no-engine,
# no-buildx, push-fails.
import hashlib, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
argv = sys.argv[1:]
stdin = sys.stdin.read() if "--password-stdin" in argv else None
with open(os.path.join(here, "calls.jsonl"), "a") as calls:
    calls.write(json.dumps({"argv": argv, "stdin": stdin, "cwd": os.getcwd()}) + "\n")


def switched_on(name):
    return os.path.exists(os.path.join(here, name))


def state(name):
    path = os.path.join(here, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else {}


def save(name, value):
    json.dump(value, open(os.path.join(here, name + ".json"), "w"))


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


if argv[:1] == ["info"]:
    if switched_on("no-engine"):
        fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?")
    print("28.2.2")
elif argv[:2] == ["buildx", "version"]:
    if switched_on("no-buildx"):
        fail("docker: unknown command: docker buildx")
    print("github.com/docker/buildx v0.24.0 fake")
elif argv[:2] == ["buildx", "build"]:
    args = argv[2:]
    if args[-1] != "." or "-f" not in args:
        fail("ERROR: the fake expects -f <Dockerfile> and the context . last")
    dockerfile = args[args.index("-f") + 1]
    if not os.path.isfile(dockerfile):
        fail("ERROR: failed to read dockerfile: open %s: no such file or directory" % dockerfile)
    # The "image" is a hash of the Dockerfile and the build's arguments: same inputs, same image.
    image = hashlib.sha256(open(dockerfile, "rb").read() + json.dumps(args).encode()).hexdigest()
    images = state("images")
    for i, a in enumerate(args):
        if a == "-t":
            images[args[i + 1]] = image
    save("images", images)
    print("#1 [internal] load build definition from %s" % os.path.basename(dockerfile))
    print("#12 naming to %s done" % ", ".join(a for i, a in enumerate(args) if i > 0 and args[i - 1] == "-t"))
elif argv[:1] == ["login"]:
    if stdin is None or not stdin.strip():
        fail("Error: Cannot perform an interactive login from a non TTY device")
    logins = state("logins")
    logins[argv[-1]] = hashlib.sha256(stdin.encode()).hexdigest()
    save("logins", logins)
    print("Login Succeeded")
elif argv[:1] == ["push"]:
    reference = argv[1]
    registry, path = reference.split("/", 1)
    repository, tag = path.rsplit(":", 1)
    if switched_on("push-fails"):
        fail("denied: Your authorization token has expired. Reauthenticate and try again.")
    if registry not in state("logins"):
        fail("no basic auth credentials")
    image = state("images").get(reference)
    if image is None:
        fail("An image does not exist locally with the tag: %s" % reference)
    manifest = json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1234, "digest": "sha256:" + image},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 5678,
                    "digest": "sha256:" + hashlib.sha256(("layer" + image).encode()).hexdigest()}],
    }, separators=(",", ":"))
    digest = "sha256:" + hashlib.sha256(manifest.encode()).hexdigest()
    put = subprocess.run(
        ["aws", "ecr", "put-image", "--repository-name", repository, "--image-tag", tag,
         "--image-manifest", manifest, "--image-digest", digest, "--output", "json"],
        capture_output=True, text=True)
    if put.returncode != 0 and "ImageAlreadyExistsException" not in put.stderr:
        fail("failed to push %s: %s" % (reference, put.stderr.strip()))
    print("The push refers to repository [%s/%s]" % (registry, repository))
    print("5f70bf18a086: Pushed")
    print("%s: digest: %s size: %d" % (tag, digest, len(manifest)))
else:
    fail("docker: the fake does not know '%s'" % " ".join(argv))
