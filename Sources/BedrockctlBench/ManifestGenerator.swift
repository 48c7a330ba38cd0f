/// Generates a realistic manifest stream: four Provisioned Throughputs to every import job, with
/// comments, tags, commitments and VPC settings, as a platform team's repository would hold.
enum ManifestGenerator {
    static let models = [
        "amazon.titan-text-express-v1:0:8k", "anthropic.claude-3-haiku-20240307-v1:0:48k",
        "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456",
        "amazon.titan-embed-text-v1:2:8k",
    ]

    static func stream(resources: Int) -> String {
        var out = ""
        out.reserveCapacity(resources * 420)
        for i in 0..<resources {
            if i > 0 { out += "---\n" }
            let id = String(i)
            if i % 5 == 4 {
                out += """
                    # import job \(id)
                    apiVersion: bedrockctl/v1
                    kind: ModelImportJob
                    metadata:
                      name: import-\(id)
                    spec:
                      importedModelName: imported-model-\(id)
                      roleArn: arn:aws:iam::111122223333:role/BedrockModelImport
                      modelDataSource:
                        s3DataSource:
                          s3Uri: "s3://acme-models/team-\(i % 17)/model-\(id)/"
                      importedModelKmsKeyId: alias/models
                      vpcConfig:
                        subnetIds: [subnet-0abc1234, subnet-0def5678]
                        securityGroupIds: [sg-0abc1234]
                      jobTags: {team: ml, ticket: "ML-\(id)"}
                      importedModelTags:
                        team: ml
                        env: prod

                    """
            } else {
                out += """
                    # throughput \(id)
                    apiVersion: bedrockctl/v1
                    kind: ProvisionedThroughput
                    metadata:
                      name: throughput-\(id)
                    spec:
                      provisionedModelName: throughput-\(id)-prod
                      modelId: \(models[i % models.count])
                      modelUnits: \(1 + i % 3)
                    \(i % 3 == 0 ? "  commitmentDuration: OneMonth\n" : "")  tags:
                        team: team-\(i % 23)
                        env: prod
                        cost-center: "\(4000 + i % 100)"

                    """
            }
        }
        return out
    }
}
