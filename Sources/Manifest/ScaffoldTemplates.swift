/// The manifests `bedrockctl init` writes, commented field by field. They validate as written and
/// plan against the sandbox: the model is one of the emulator's provisionable foundation models
/// and the role's account is the emulator's (`000000000000`), to be replaced with the real one.
enum ScaffoldTemplates {
    static func stack(_ name: String) -> String {
        """
        # The stack these manifests belong to: bedrockctl tags every resource it creates with
        # bedrockctl:stack=\(name) and bedrockctl:name=<metadata.name>, and manages only what carries
        # its stack's tag. Renaming the stack strands what the old name owns: plan says so.
        apiVersion: \(ManifestAPI.version)
        kind: \(StackDeclaration.kind)
        metadata:
          name: \(name)  # letters, digits and '-', up to 128 characters

        """
    }

    static let throughput = """
        # A Provisioned Throughput: model units of one model reserved for this account, billed by the
        # hour while it exists (or for the whole term of a commitment). Nothing is bought until
        # `bedrockctl apply`; `bedrockctl plan` shows what would be.
        apiVersion: \(ManifestAPI.version)
        kind: \(ManifestResource.Kind.provisionedThroughput.rawValue)
        metadata:
          # The throughput's identity in the stack (its bedrockctl:name tag). Keep it stable:
          # another name is another throughput.
          name: example-throughput
        spec:
          # The name Bedrock shows, 1-63 letters, digits, '-' and '_'. Optional: it defaults to
          # metadata.name. Changing it renames the throughput in place.
          provisionedModelName: example-throughput
          # The model: a foundation model's provisionable variant (the ':0:8k'-style ids that
          # `bedrockctl get foundation-models` marks), a custom model's name, or a model's ARN.
          modelId: amazon.titan-text-express-v1:0:8k
          # Model units to buy, at least 1. A change replaces the throughput (--allow-replace).
          modelUnits: 1
          # No commitment: billed by the hour, deletable at any time. A commitment lowers the price
          # but blocks deleting the throughput until it ends; to commit, uncomment one of:
          # commitmentDuration: OneMonth
          # commitmentDuration: SixMonths
          # How a change that cannot be made in place is carried out: DestroyBeforeCreate (the
          # default: no double billing, no capacity until the new one is InService) or
          # CreateBeforeDestroy (no gap in capacity, both billed meanwhile).
          replacement: DestroyBeforeCreate
          # Tags: up to 48; keys starting with aws: or bedrockctl: are reserved.
          tags:
            team: ml

        """

    static let modelImport = """
        # A Custom Model Import: Bedrock copies a model's weights from S3 and serves the imported
        # model on demand. An import job cannot be changed or deleted once made; its imported model
        # can be deleted (with --prune, or destroy).
        apiVersion: \(ManifestAPI.version)
        kind: \(ManifestResource.Kind.modelImportJob.rawValue)
        metadata:
          # The job's identity in the stack, and its jobName (1-63 letters, digits, '+', '-', '.').
          name: example-import
        spec:
          # The name of the imported model the job leaves behind, unique in the account and region.
          importedModelName: example-model
          # The IAM role Bedrock assumes to read the weights. 000000000000 is the account of
          # bedrockctl's local emulator (--sandbox): put your own account's role here.
          roleArn: arn:aws:iam::000000000000:role/BedrockModelImport
          # Where the weights are: an s3:// folder.
          modelDataSource:
            s3DataSource:
              s3Uri: s3://example-models/example-model/
          # Optional: the KMS key that encrypts the imported model (key id, key ARN, alias/NAME or
          # alias ARN), e.g.
          # importedModelKmsKeyId: alias/models
          # Optional: read the weights through your VPC (1-16 subnets, 1-5 security groups), e.g.
          # vpcConfig: {subnetIds: [subnet-0abc1234], securityGroupIds: [sg-0abc1234]}
          # Tags on the job and on the imported model: up to 48 each.
          jobTags:
            team: ml
          importedModelTags:
            team: ml

        """

    static let deployment = """
        # A custom model deployment: a fine-tuned model served on demand, billed per token, with no
        # model units. AWS deploys on demand only customizations of Nova Lite, Nova 2 Lite, Nova
        # Micro and Nova Pro (us-east-1) and Llama 3.3 70B Instruct (us-west-2), made on or after
        # 2025-07-16.
        apiVersion: \(ManifestAPI.version)
        kind: \(ManifestResource.Kind.customModelDeployment.rawValue)
        metadata:
          # The deployment's identity in the stack, and its name (1-63 letters, digits and '-').
          name: example-deployment
        spec:
          # The custom model's ARN. This one is a fine-tuned Nova Lite of bedrockctl's local
          # emulator (--sandbox, account 000000000000): put your own model's ARN here. A change of
          # model is made in place (UpdateCustomModelDeployment).
          modelArn: arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/n7v4q2l9x5ka
          # Optional, up to 200 characters. A new description replaces the deployment.
          description: An example deployment
          tags:
            team: ml
          # Optional: a call after apply that must answer with `contains` (Converse with `prompt`).
          smokeTest:
            prompt: Reply with the word ready.
            contains: ready

        """

    static let inferenceProfile = """
        # An application inference profile: a name (and an ARN) callers invoke instead of the model
        # id, so that the calls show up apart in CloudWatch and, through the tags, in the bill.
        apiVersion: \(ManifestAPI.version)
        kind: \(ManifestResource.Kind.inferenceProfile.rawValue)
        metadata:
          # The profile's identity in the stack, and its name unless inferenceProfileName is given.
          name: example-profile
        spec:
          modelSource:
            # A foundation model's ARN in this region, or a system-defined cross-region profile's
            # (arn:aws:bedrock:REGION:ACCOUNT:inference-profile/us.MODEL). A change replaces the
            # profile (--allow-replace).
            copyFrom: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0
          # Optional, up to 200 characters.
          description: An example profile
          # The tags change in place.
          tags:
            team: ml

        """
}
