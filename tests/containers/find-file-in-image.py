"""Print the paths, in any layer of a `docker save` archive (stdin), of files whose content is
exactly that of the given file. Used to prove a build secret left no copy in an image."""

import hashlib
import sys
import tarfile

with open(sys.argv[1], "rb") as bundle:
    wanted = bundle.read()
wanted_digest = hashlib.sha256(wanted).digest()

with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as archive:
    for entry in archive:
        # Layers: <id>/layer.tar (docker's format) or blobs/sha256/<digest> (OCI layout).
        if not entry.isfile() or not (
            entry.name.endswith("layer.tar") or entry.name.startswith("blobs/")
        ):
            continue
        try:
            with tarfile.open(fileobj=archive.extractfile(entry), mode="r|*") as layer:
                for member in layer:
                    if member.isfile() and member.size == len(wanted):
                        content = layer.extractfile(member).read()
                        if hashlib.sha256(content).digest() == wanted_digest:
                            print(f"{entry.name}: /{member.name}")
        except tarfile.ReadError:
            continue  # a config or manifest blob, not a layer
