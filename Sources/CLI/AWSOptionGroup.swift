import AWSClient
import ArgumentParser

/// The flags every command that talks to AWS takes.
struct AWSOptionGroup: ParsableArguments {
    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region).")
    var region: String?

    @Option(help: "Profile of the shared AWS config and credentials files (default: AWS_PROFILE, else 'default').")
    var profile: String?

    @Option(help: "Endpoint for every AWS call, e.g. http://127.0.0.1:4566 for the local emulator.")
    var endpointURL: String?

    var options: AWSOptions { AWSOptions(region: region, profile: profile, endpointURL: endpointURL) }
}
