"""Reading back what the S3 destination wrote."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

KEY_FORMAT = re.compile(
    r"(?:(?P<prefix>.+)/)?(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<h>\d{2})/"
    r"(?P=y)-(?P=m)-(?P=d)-(?P=h)-\d{2}-\d{2}-(?P<id>[0-9a-f]{64})\.gz"
)


def objects(s3: Any, bucket: str) -> dict[str, list[Any]]:
    """Every object's key and its events, in order."""
    found: dict[str, list[Any]] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            body = gzip.decompress(s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()).decode()
            assert body.endswith("\n")
            found[item["Key"]] = [json.loads(line) for line in body.splitlines()]
    return found
