using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PipedriveMaileon.UnitTests.Conventions;

/// <summary>
/// The conventions of the engineering guide that the compiler does not check. Each test lists every offender, so a
/// failure says what to change. Limits: product files (outside the emulators) at most 250 lines; members in the grain
/// and web projects at most 60 lines; file-scoped namespaces; one public type per product file; private fields
/// camelCase without a leading underscore (constants and static read-only fields PascalCase).
/// </summary>
public sealed class SourceConventionsTests
{
    private const int MaxProductFileLines = 250;
    private const int MaxMemberLines = 60;

    [Fact]
    public void TheSourceTreeIsFound()
    {
        Assert.Contains(SourceTree.Files, file => file.RelativePath == "src/Grains/Contacts/ContactSyncGrain.cs");
        Assert.True(SourceTree.Files.Count > 500, $"only {SourceTree.Files.Count} files found under {SourceTree.Root}");
    }

    [Fact]
    public void ProductFilesOutsideTheEmulatorsStayWithin250Lines()
    {
        var offenders = ProductFiles()
            .Where(file => !file.RelativePath.StartsWith("src/Sandbox/", StringComparison.Ordinal))
            .Where(file => file.LineCount > MaxProductFileLines)
            .Select(file => $"{file.RelativePath}: {file.LineCount} lines");

        AssertNone(offenders);
    }

    [Fact]
    public void MembersOfTheGrainAndWebProjectsStayWithin60Lines()
    {
        var offenders = SourceTree.Under("src/Grains", "src/Web")
            .SelectMany(file => file.Tree.GetRoot().DescendantNodes()
                .Where(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax)
                .Where(node => SourceFile.LinesOf(node) > MaxMemberLines)
                .Select(node => $"{file.RelativePath}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1} {NameOf(node)}: {SourceFile.LinesOf(node)} lines"));

        AssertNone(offenders);
    }

    [Fact]
    public void NamespacesAreFileScoped()
    {
        var offenders = SourceTree.Files
            .Where(file => file.Tree.GetRoot().DescendantNodes().OfType<NamespaceDeclarationSyntax>().Any())
            .Select(file => file.RelativePath);

        AssertNone(offenders);
    }

    [Fact]
    public void EachProductFileHoldsAtMostOnePublicType()
    {
        var offenders = ProductFiles()
            .Select(file => (file, types: file.Tree.GetRoot().DescendantNodes()
                .OfType<BaseTypeDeclarationSyntax>()
                .Where(type => type.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
                .Where(type => type.Modifiers.Any(SyntaxKind.PublicKeyword))
                .Select(type => type.Identifier.Text)
                .Concat(file.Tree.GetRoot().DescendantNodes()
                    .OfType<DelegateDeclarationSyntax>()
                    .Where(type => type.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
                    .Where(type => type.Modifiers.Any(SyntaxKind.PublicKeyword))
                    .Select(type => type.Identifier.Text))
                .ToList()))
            .Where(entry => entry.types.Count > 1)
            .Select(entry => $"{entry.file.RelativePath}: {string.Join(", ", entry.types)}");

        AssertNone(offenders);
    }

    [Fact]
    public void PrivateFieldsAreCamelCaseWithoutUnderscore()
    {
        var offenders = SourceTree.Files
            .SelectMany(file => file.Tree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>()
                .Where(field => !field.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword)))
                .SelectMany(field => field.Declaration.Variables.Select(variable => (field, name: variable.Identifier.Text)))
                .Where(entry => !FollowsFieldNaming(entry.field, entry.name))
                .Select(entry => $"{file.RelativePath}: {entry.name}"));

        AssertNone(offenders);
    }

    private static void AssertNone(IEnumerable<string> offenders)
    {
        var list = offenders.ToList();
        Assert.True(list.Count == 0, $"{list.Count} offenders:\n{string.Join("\n", list)}");
    }

    private static bool FollowsFieldNaming(FieldDeclarationSyntax field, string name)
    {
        if (name.StartsWith('_'))
        {
            return false;
        }

        var isConstant = field.Modifiers.Any(SyntaxKind.ConstKeyword)
            || (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword));
        return isConstant ? char.IsUpper(name[0]) : char.IsLower(name[0]) || field.Modifiers.Any(SyntaxKind.StaticKeyword);
    }

    private static IEnumerable<SourceFile> ProductFiles() =>
        SourceTree.Under("src").Where(file => !file.RelativePath.EndsWith("/Program.cs", StringComparison.Ordinal));

    private static string NameOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax method => method.Identifier.Text,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax local => local.Identifier.Text + " (local function)",
        AccessorDeclarationSyntax accessor => accessor.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };
}
