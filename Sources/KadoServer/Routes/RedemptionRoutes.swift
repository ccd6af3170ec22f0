import Foundation
import Hummingbird
import KadoEngine

/// `POST /v1/tenants/{tenant}/validations` (check a code, claim nothing),
/// `POST /v1/tenants/{tenant}/redemptions` (claim it: 201) and
/// `DELETE /v1/tenants/{tenant}/redemptions` (release a claim: 204), for the tenant's
/// backend with its API key.
struct RedemptionRoutes: Sendable {
    let access: TenantAccess
    let redemptions: Redemptions

    func register(on router: Router<BasicRequestContext>, table: RouteTable) {
        router.resource(
            "/v1/tenants/:tenant/validations", in: table,
            [(.post, { request, context in try await self.validate(request, context) })])
        router.resource(
            "/v1/tenants/:tenant/redemptions", in: table,
            [
                (.post, { request, context in try await self.redeem(request, context) }),
                (.delete, { request, context in try await self.release(request, context) }),
            ])
    }

    private func validate(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (tenant, body) = try await read(request, context, withOrder: true)
        do {
            let code = try await redemptions.validate(body, tenantID: tenant.config.id)
            return .json(Self.json(code, tenant: tenant.config))
        } catch let failure as RedemptionFailure {
            throw Self.problem(failure, tenant: tenant.config)
        }
    }

    private func redeem(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (tenant, body) = try await read(request, context, withOrder: true)
        do {
            let code = try await redemptions.redeem(body, tenantID: tenant.config.id)
            return .json(Self.json(code, tenant: tenant.config), status: .created)
        } catch let failure as RedemptionFailure {
            throw Self.problem(failure, tenant: tenant.config)
        }
    }

    private func release(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (tenant, body) = try await read(request, context, withOrder: false)
        do {
            try await redemptions.release(body, tenantID: tenant.config.id)
            return Response(status: .noContent)
        } catch let failure as RedemptionFailure {
            throw Self.problem(failure, tenant: tenant.config)
        }
    }

    /// Checks the key first (so a stranger learns nothing from body errors), then the body.
    private func read(_ request: Request, _ context: BasicRequestContext, withOrder: Bool) async throws -> (
        Configuration.Tenant, RedemptionRequest
    ) {
        let tenant = try access.tenant(context.parameters.get("tenant") ?? "", for: request)
        let object = try await JSONBody.object(of: request)
        let code = try JSONBody.string(object, "code")
        let userID = try JSONBody.integer(object, "user_id") ?? 0
        let order = withOrder ? try JSONBody.integer(object, "order_amount", optional: true) : nil
        do {
            return (tenant, try RedemptionRequest(code: code, userID: userID, orderAmount: order))
        } catch {
            throw Problem.invalidBody(error.message, field: error.field)
        }
    }

    /// An instant as the tenant's wall clock with its offset (`2026-03-16T00:00:00+07:00`).
    static func instant(_ date: Date, _ tenant: TenantConfig, milliseconds: Bool = false) -> JSONValue {
        .string(
            ISO8601.string(
                date, offsetSeconds: tenant.clock.timeZone.secondsFromGMT(for: date),
                milliseconds: milliseconds))
    }

    static func json(_ code: RedeemedCode, tenant: TenantConfig) -> JSONValue {
        let d = code.discount
        var discount: [(String, JSONValue)] = [
            ("type", .string(d.type)), ("amount_off", d.amountOff.map(JSONValue.int) ?? .null),
            ("currency", .string(d.currency)),
        ]
        if let amount = d.amount { discount.append(("amount", .int(amount))) }
        if let percent = d.percent { discount.append(("percent", .double(percent))) }
        if d.type == "percent" { discount.append(("cap", d.cap.map(JSONValue.int) ?? .null)) }
        var fields: [(String, JSONValue)] = [
            ("promo_id", .int(code.promoID)), ("rule_id", .string(code.ruleID)), ("code", .string(code.code)),
            ("user_id", .int(code.userID)), ("discount", .object(discount)),
            ("valid_from", instant(code.terms.validFrom, tenant)),
            ("valid_until", instant(code.terms.validUntil, tenant)),
        ]
        if let claimed = code.claimedAt {
            fields.append(("claimed_at", instant(claimed, tenant, milliseconds: true)))
        }
        return .object(fields)
    }

    static func problem(_ failure: RedemptionFailure, tenant: TenantConfig) -> Problem {
        let detail = failure.description
        switch failure.result {
        case .unknownCode:
            return Problem(.notFound, code: failure.result.rawValue, title: "Unknown code", detail: detail)
        case .notEligible:
            return Problem(.forbidden, code: failure.result.rawValue, title: "Not eligible", detail: detail)
        case .notValidNow:
            var members: [(String, JSONValue)] = []
            if let from = failure.validFrom { members.append(("valid_from", instant(from, tenant))) }
            if let until = failure.validUntil { members.append(("valid_until", instant(until, tenant))) }
            return Problem(
                .unprocessableContent, code: failure.result.rawValue, title: "Not valid now", detail: detail,
                members: members)
        case .alreadyClaimed:
            return Problem(
                .conflict, code: failure.result.rawValue, title: "Already claimed", detail: detail,
                members: [
                    ("claimed_at", failure.claimedAt.map { instant($0, tenant, milliseconds: true) } ?? .null)
                ])
        case .notClaimed:
            return Problem(.conflict, code: failure.result.rawValue, title: "Not claimed", detail: detail)
        case .claimed, .released:
            return Problem.internalError
        }
    }
}
