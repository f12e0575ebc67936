#!/usr/bin/env python3
"""Summarize S3 buckets: region, size, object count, public access block."""
import argparse

import boto3
from botocore.exceptions import ClientError


def bucket_stats(s3, name, limit):
    size = count = 0
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=name, PaginationConfig={"MaxItems": limit}):
        for obj in page.get("Contents", []):
            size += obj["Size"]
            count += 1
    return count, size


def public_block(s3, name):
    try:
        cfg = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
        return "full" if all(cfg.values()) else "partial"
    except ClientError as err:
        if err.response["Error"]["Code"] == "NoSuchPublicAccessBlockConfiguration":
            return "NONE"
        raise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile")
    ap.add_argument("--max-objects", type=int, default=100_000)
    args = ap.parse_args()

    session = boto3.Session(profile_name=args.profile)
    s3 = session.client("s3")
    print(f"{'bucket':40} {'region':14} {'objects':>9} {'size MiB':>10}  public-block")
    for b in s3.list_buckets()["Buckets"]:
        name = b["Name"]
        region = s3.get_bucket_location(Bucket=name).get("LocationConstraint") or "us-east-1"
        regional = session.client("s3", region_name=region)
        count, size = bucket_stats(regional, name, args.max_objects)
        print(f"{name:40} {region:14} {count:>9} {size / 2**20:>10.1f}  {public_block(regional, name)}")


if __name__ == "__main__":
    main()
