import Hummingbird

/// `GET /api/state`: the generation of the loaded files, for the page's script to
/// notice a save: `{"generation": 7, "valid": false, "errors": 2}`.
struct StateHandler: Sendable {
    let environment: StudioEnvironment

    func handle(_ request: Request, context: some RequestContext) async -> Response {
        let snapshot = environment.state.snapshot
        let json =
            "{\"generation\": \(snapshot.generation), \"valid\": \(snapshot.isValid), \"errors\": \(snapshot.errors.count)}"
        return .bytes(Array(json.utf8), contentType: "application/json")
    }
}
