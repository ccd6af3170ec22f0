import Foundation
import KadoYAML

/// Loads and validates `rules/<tenant>/tenant.yaml`, `rules/<tenant>/<rule>.yaml`
/// and `templates/<tenant>/<template>.yaml`, reporting every problem found.
package struct ConfigLoader: Sendable {
    package var rulesDirectory: String
    package var templatesDirectory: String
    package var environment: [String: String]
    /// Which tables each tenant's audience may name.
    package var tablePolicy: TablePolicy
    /// How large and deep each file may be.
    package var limits: YAMLLimits = .standard

    /// The result of a load: the configuration when there were no errors, and all diagnostics.
    package struct Result: Sendable {
        package var configuration: Configuration?
        package var diagnostics: [Diagnostic]
        package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    package init(
        rulesDirectory: String, templatesDirectory: String, environment: [String: String],
        tablePolicy: TablePolicy = TablePolicy()
    ) {
        self.rulesDirectory = rulesDirectory
        self.templatesDirectory = templatesDirectory
        self.environment = environment
        self.tablePolicy = tablePolicy
    }

    package func load() -> Result {
        var diagnostics = Diagnostics()
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: rulesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error(
                SourceMark(file: rulesDirectory, line: 1, column: 1),
                "rules directory not found (use --rules DIR or KADO_RULES)")
            return Result(configuration: nil, diagnostics: diagnostics.sorted)
        }
        var tenants: [Configuration.Tenant] = []
        for folder in Self.subdirectories(of: rulesDirectory) {
            if let tenant = loadTenant(folder, diagnostics: &diagnostics) { tenants.append(tenant) }
        }
        Self.checkSharedAPIKeys(tenants, diagnostics: &diagnostics)
        let known = Set(Self.subdirectories(of: rulesDirectory))
        for folder in Self.subdirectories(of: templatesDirectory) where !known.contains(folder) {
            diagnostics.warning(
                SourceMark(file: path(templatesDirectory, folder), line: 1, column: 1),
                "templates for '\(folder)', which has no rules/\(folder)/tenant.yaml")
        }
        if tenants.isEmpty && !diagnostics.hasErrors {
            diagnostics.error(
                SourceMark(file: rulesDirectory, line: 1, column: 1),
                "no tenants found (expected rules/<tenant>/tenant.yaml)")
        }
        let configuration = diagnostics.hasErrors ? nil : Configuration(tenants: tenants)
        return Result(configuration: configuration, diagnostics: diagnostics.sorted)
    }

    private func loadTenant(_ folder: String, diagnostics: inout Diagnostics) -> Configuration.Tenant? {
        let dir = path(rulesDirectory, folder)
        let tenantFile = path(dir, "tenant.yaml")
        var tenant: TenantConfig?
        if FileManager.default.fileExists(atPath: tenantFile) {
            tenant = read(tenantFile, schema: TenantConfig.schema, diagnostics: &diagnostics) {
                node, context in
                TenantConfig(node: node, folder: folder, context: &context)
            }
        } else {
            diagnostics.error(
                SourceMark(file: tenantFile, line: 1, column: 1),
                "missing tenant file for tenant folder '\(folder)'")
        }

        var templates: [String: TemplateConfig] = [:]
        let templateDir = path(templatesDirectory, folder)
        for file in Self.yamlFiles(in: templateDir) where !Self.isSamplesFile(file) {
            let name = Self.stem(file)
            let full = path(templateDir, file)
            if let template = read(
                full, schema: TemplateConfig.schema, diagnostics: &diagnostics,
                build: { node, context in
                    TemplateConfig(
                        node: node, name: name, tenantID: folder,
                        model: TemplateModel(
                            attributes: tenant?.audience.attributes,
                            faulty: tenant?.audience.faultyAttributes ?? []), context: &context)
                })
            {
                templates[name] = template
            }
        }

        var rules: [RuleConfig] = []
        var notifications: [NotificationSpec] = []
        var firstFile: [String: (String, Int)] = [:]
        for file in Self.yamlFiles(in: dir) where file != "tenant.yaml" && file != "tenant.yml" {
            let full = path(dir, file)
            let built = read(full, schema: RuleConfig.schema, diagnostics: &diagnostics) { node, context in
                (
                    RuleConfig(node: node, tenant: tenant, tenantID: folder, context: &context),
                    RuleConfig.notifications(in: node)
                )
            }
            notifications += built?.1 ?? []
            guard let rule = built?.0 else { continue }
            if let (other, line) = firstFile[rule.id] {
                diagnostics.error(
                    rule.mark, "duplicate rule id '\(rule.id)' (also defined in \(other):\(line))")
                continue
            }
            firstFile[rule.id] = (full, rule.mark.line)
            rules.append(rule)
        }

        let samples = loadSamples(in: templateDir, tenant: tenant, diagnostics: &diagnostics)

        guard let tenant else { return nil }
        if let problem = tablePolicy.problem(table: tenant.audience.table, tenant: tenant.id) {
            diagnostics.error(
                tenant.audience.tableMark ?? SourceMark(file: tenantFile, line: 1, column: 1), problem)
        }
        crossCheck(notifications, tenant: tenant, templates: templates, diagnostics: &diagnostics)
        link(&rules, tenant: tenant, templates: templates, diagnostics: &diagnostics)
        for template in templates.values {
            checkLocales(template, tenant: tenant, diagnostics: &diagnostics)
        }
        let locales = Set(templates.values.flatMap { t in MessageKind.allCases.flatMap(t.locales(for:)) })
        return Configuration.Tenant(
            config: tenant, rules: rules.sorted { $0.id < $1.id }, templates: templates,
            samples: samples ?? SampleUser.builtIn(for: tenant, localesInUse: Array(locales)))
    }

    /// `templates/<tenant>/samples.yaml`, when there is one.
    private func loadSamples(in templateDir: String, tenant: TenantConfig?, diagnostics: inout Diagnostics)
        -> [SampleUser]?
    {
        guard let file = Self.yamlFiles(in: templateDir).first(where: Self.isSamplesFile) else { return nil }
        return read(path(templateDir, file), schema: SampleUser.schema, diagnostics: &diagnostics) {
            node, context in
            SampleUser.samples(in: node, tenant: tenant, context: &context)
        }
    }

    /// `samples.yaml` (or `.yml`) beside the templates holds sample customers, not a template.
    static func isSamplesFile(_ file: String) -> Bool {
        file == SampleUser.fileName || file == "samples.yml"
    }

    /// Checks what spans files: channels and templates a rule names.
    private func crossCheck(
        _ notifications: [NotificationSpec], tenant: TenantConfig, templates: [String: TemplateConfig],
        diagnostics: inout Diagnostics
    ) {
        for note in notifications {
            let channel = tenant.channels[note.channel]
            // A declared channel with errors has been reported in tenant.yaml already.
            if channel == nil && !tenant.declaredChannels.contains(note.channel) {
                let names = tenant.declaredChannels.sorted()
                diagnostics.error(
                    note.channelMark,
                    "unknown channel '\(note.channel)'\(Suggestion.hint(for: note.channel, in: names)); tenant '\(tenant.id)' defines: \(names.joined(separator: ", "))"
                )
            }
            var templateName = note.template
            if let slash = note.template.firstIndex(of: "/") {
                let owner = String(note.template[..<slash])
                templateName = String(note.template[note.template.index(after: slash)...])
                if owner != tenant.id {
                    diagnostics.error(
                        note.templateMark,
                        "template '\(note.template)' belongs to tenant '\(owner)'; a rule may use only its own tenant's templates (templates/\(tenant.id)/)"
                    )
                    continue
                }
            }
            if Self.isSamplesFile(templateName + ".yaml") {
                diagnostics.error(
                    note.templateMark,
                    "'\(templateName)' cannot be a template: templates/\(tenant.id)/\(SampleUser.fileName) holds the tenant's sample customers; give the template another name"
                )
                continue
            }
            guard let template = templates[templateName] else {
                diagnostics.error(
                    note.templateMark,
                    "template '\(templateName)' not found (expected \(path(path(templatesDirectory, tenant.id), templateName + ".yaml")))\(Suggestion.hint(for: templateName, in: Array(templates.keys)))"
                )
                continue
            }
            if let channel, !template.supports(channel.kind) {
                diagnostics.error(
                    note.templateMark,
                    "template '\(templateName)' has no '\(channel.kind.rawValue)' section, needed by channel '\(channel.name)'"
                )
            }
            checkFallback(of: note, tenant: tenant, template: template, diagnostics: &diagnostics)
        }
    }

    /// Every template must render in its default locale (the tenant's unless it names one).
    private func checkLocales(
        _ template: TemplateConfig, tenant: TenantConfig, diagnostics: inout Diagnostics
    ) {
        let fallback = template.defaultLocale ?? tenant.locale
        for kind in MessageKind.allCases
        where template.supports(kind) && !template.locales(for: kind).contains(fallback) {
            diagnostics.error(
                template.sectionMarks[kind] ?? SourceMark(file: template.file, line: 1, column: 1),
                "template '\(template.name)' has no \(kind.rawValue) variant for its default locale '\(fallback)' (has: \(template.locales(for: kind).joined(separator: ", ")))"
            )
        }
    }

    /// Parses, interpolates, schema-checks and builds one file.
    private func read<T>(
        _ file: String, schema: ObjectSchema, diagnostics: inout Diagnostics,
        build: (YAMLNode, inout ConfigContext) -> T?
    ) -> T? {
        let bytes: [UInt8]
        do {
            bytes = try Self.contents(of: file, upTo: limits.maxBytes + 1)
        } catch {
            diagnostics.error(
                SourceMark(file: file, line: 1, column: 1), "cannot read file: \(error.localizedDescription)")
            return nil
        }
        var document: YAMLDocument
        do {
            document = try YAMLParser.parse(bytes: bytes, file: file, limits: limits)
        } catch {
            diagnostics.error(error.mark, error.message)
            return nil
        }
        Interpolation(environment: environment).apply(to: &document)
        for problem in document.problems { diagnostics.error(problem.mark, problem.message) }
        guard let root = document.root, root.pairs != nil else {
            diagnostics.error(
                document.root?.mark ?? SourceMark(file: file, line: 1, column: 1),
                document.root == nil
                    ? "file is empty"
                    : "expected a mapping of keys at the top level, found \(document.root?.kindDescription ?? "nothing")"
            )
            return nil
        }
        var validator = SchemaValidator()
        validator.validate(root, against: .object(schema), path: "")
        diagnostics.append(contentsOf: validator.diagnostics.all)
        var context = ConfigContext(document: document)
        let value = build(root, &context)
        diagnostics.append(contentsOf: context.diagnostics.all)
        return value
    }

    /// At most `limit` bytes of `file`: a huge file is refused without reading it whole.
    static func contents(of file: String, upTo limit: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: limit) ?? Data())
    }

    private func path(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func subdirectories(of dir: String) -> [String] {
        let fm = FileManager.default
        let entries = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        return entries.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDir)
                && isDir.boolValue
        }.sorted()
    }

    static func yamlFiles(in dir: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return entries.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
    }

    static func stem(_ file: String) -> String {
        if file.hasSuffix(".yaml") { return String(file.dropLast(5)) }
        if file.hasSuffix(".yml") { return String(file.dropLast(4)) }
        return file
    }

    /// An API key names one tenant: a key configured for two tenants is an error at the
    /// second (the server could not tell whose path it may open).
    static func checkSharedAPIKeys(_ tenants: [Configuration.Tenant], diagnostics: inout Diagnostics) {
        var owners: [String: String] = [:]
        for tenant in tenants {
            let api = tenant.config.api
            for (digest, mark) in zip(api.keyDigests, api.keyMarks) {
                let hex = Hex.string(digest)
                if let owner = owners[hex], owner != tenant.config.id {
                    diagnostics.error(
                        mark,
                        "this API key is also a key of tenant '\(owner)'; each tenant needs its own keys")
                } else {
                    owners[hex] = tenant.config.id
                }
            }
        }
    }
}
