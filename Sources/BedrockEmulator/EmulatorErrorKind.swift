/// Every kind of error answer the emulator can send, with the HTTP status and `x-amzn-ErrorType`
/// the real service sends for it. The kinds the service models define (bedrock 2023-04-20,
/// bedrock-runtime 2023-09-30) take their status from the model's `error.httpStatusCode`; a test
/// walks both models and checks every case here, so a new kind cannot drift from them.
public enum EmulatorErrorKind: String, CaseIterable, Sendable, Hashable {
    // Errors of the service models.
    case validation = "ValidationException"
    case resourceNotFound = "ResourceNotFoundException"
    case conflict = "ConflictException"
    case tooManyTags = "TooManyTagsException"
    case serviceQuotaExceeded = "ServiceQuotaExceededException"
    case throttling = "ThrottlingException"
    case internalServer = "InternalServerException"
    case modelNotReady = "ModelNotReadyException"
    case accessDenied = "AccessDeniedException"
    // Errors of AWS's front door, common to every service and in neither model.
    case missingAuthenticationToken = "MissingAuthenticationTokenException"
    case incompleteSignature = "IncompleteSignatureException"
    case invalidSignature = "InvalidSignatureException"
    case unrecognizedClient = "UnrecognizedClientException"
    case unknownOperation = "UnknownOperationException"

    /// The error's name, the shape name in the service model.
    public var code: String { rawValue }

    /// Whether the service models define this error (else it is a front-door error).
    public var isModelled: Bool {
        switch self {
        case .validation, .resourceNotFound, .conflict, .tooManyTags, .serviceQuotaExceeded, .throttling,
            .internalServer, .modelNotReady, .accessDenied:
            true
        case .missingAuthenticationToken, .incompleteSignature, .invalidSignature, .unrecognizedClient,
            .unknownOperation:
            false
        }
    }

    /// The HTTP status: the model's `httpStatusCode` for modelled errors.
    public var status: Int {
        switch self {
        case .validation, .conflict, .tooManyTags, .serviceQuotaExceeded: 400
        case .resourceNotFound, .unknownOperation: 404
        case .throttling, .modelNotReady: 429
        case .internalServer: 500
        case .missingAuthenticationToken, .incompleteSignature, .invalidSignature, .unrecognizedClient, .accessDenied:
            403
        }
    }

    /// The `x-amzn-ErrorType` header: the name, then the namespace of the service that raised it,
    /// as Bedrock sends it (`ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.bedrock/`).
    /// SDKs keep the part before the colon.
    public var errorTypeHeader: String {
        code + ":http://internal.amazon.com/coral/" + (isModelled ? "com.amazon.bedrock/" : "com.amazon.coral.service/")
    }
}
