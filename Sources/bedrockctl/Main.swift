import CLI

/// The executable: everything lives in the CLI module.
@main
enum Main {
    static func main() async {
        await Bedrockctl.main(nil)
    }
}
