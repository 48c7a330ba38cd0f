#!/usr/bin/env python3
"""Writes the emulator's shipped price list, Sources/BedrockEmulator/Data/price-list.json, from
price-list.about.json beside it, in the format of `aws pricing get-products --service-code
AmazonBedrock` (each PriceList entry a product document as a string). Run it after editing the
about file; BedrockCatalogTests checks that the two agree."""
import hashlib, json, os, re, sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "BedrockEmulator", "Data")
REGIONS = {"USE1": ("us-east-1", "US East (N. Virginia)"), "USW2": ("us-west-2", "US West (Oregon)")}
PLACEHOLDER = "1.00"


def feature(usage_type):
    term = re.search(r"-ProvisionedThroughput-(Custom-)?(NoCommit|1month|6months)-ModelUnits$", usage_type)
    words = {"NoCommit": "no commit", "1month": "1 month", "6months": "6 months"}[term.group(2)]
    return "Provisioned Throughput Inference - " + ("Custom - " if term.group(1) else "") + words


def product(row, published):
    usage_type = row["usageType"]
    region, location = REGIONS[usage_type.split("-")[0]]
    sku = row.get("sku") or hashlib.sha256(usage_type.encode()).hexdigest()[:16].upper()
    usd = "%.10f" % float(row.get("usd", PLACEHOLDER))
    rate = sku + ".JRTCKXETXF.6YS6EN2CT7"
    document = {
        "product": {
            "productFamily": "Amazon Bedrock",
            "attributes": {
                "servicecode": "AmazonBedrock", "location": location, "locationType": "AWS Region",
                "usagetype": usage_type, "operation": "", "feature": feature(usage_type), "model": row["model"],
                "modelUnit": row["model"], "regionCode": region, "servicename": "Amazon Bedrock",
            },
            "sku": sku,
        },
        "serviceCode": "AmazonBedrock",
        "terms": {"OnDemand": {sku + ".JRTCKXETXF": {
            "priceDimensions": {rate: {
                "unit": "hour", "endRange": "Inf",
                "description": "$%.2f per hour for %s in %s" % (float(usd), usage_type, location),
                "appliesTo": [], "rateCode": rate, "beginRange": "0", "pricePerUnit": {"USD": usd},
            }},
            "sku": sku, "effectiveDate": "2026-08-01T00:00:00Z", "offerTermCode": "JRTCKXETXF",
            "termAttributes": {},
        }}},
        "version": re.sub(r"[^0-9]", "", published)[:14],
        "publicationDate": published,
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True)


def main():
    about = json.load(open(os.path.join(HERE, "price-list.about.json"), encoding="utf-8"))
    entries = [product(row, about["publicationDate"]) for row in about["rows"]]
    # Another path writes there instead (the tests compare it with the shipped file).
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "price-list.json")
    with open(target, "w", encoding="utf-8") as out:
        out.write(json.dumps({"FormatVersion": "aws_v1", "PriceList": entries}, indent=1) + "\n")


if __name__ == "__main__":
    main()
