using Microsoft.CodeAnalysis;

namespace PipedriveMaileon.UnitTests.Conventions;

internal sealed record SourceFile(string RelativePath, SyntaxTree Tree)
{
    /// <summary>Lines as an editor or <c>wc -l</c> counts them: a final line break ends the last line, it does not start one.</summary>
    public int LineCount => Tree.GetText() is var text && text.Lines[^1].Span.IsEmpty ? text.Lines.Count - 1 : text.Lines.Count;

    public static int LinesOf(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
    }
}
