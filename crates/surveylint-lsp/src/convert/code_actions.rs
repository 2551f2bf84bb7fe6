//! Code actions as the protocol sends them: [`crate::actions`]' byte edits
//! become workspace edits in the negotiated position encoding.

use std::collections::HashMap;

use surveylint::position::LineIndex;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, Range, ResourceOp, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use super::positions::{self, Encoding};
use crate::actions::{self, Action, ByteEdit, Change, WorkspaceTarget};
use crate::document::OpenDocument;

/// The code actions for the findings of `document` (at `uri`) that touch
/// bytes `start..end`. An action whose file has no URI (a relative path) is left out.
pub(crate) fn code_actions(
    uri: &Uri,
    document: &OpenDocument,
    start: usize,
    end: usize,
    encoding: Encoding,
    workspace: Option<&WorkspaceTarget>,
) -> Vec<CodeActionOrCommand> {
    actions::code_actions(document, start, end, workspace)
        .into_iter()
        .filter_map(|action| code_action(uri, document, action, encoding))
        .collect()
}

fn code_action(uri: &Uri, document: &OpenDocument, action: Action, encoding: Encoding) -> Option<CodeActionOrCommand> {
    let finding = document.findings.get(action.finding)?;
    let diagnostic = super::diagnostic(document, finding, encoding);
    let edit = match action.change {
        Change::Document(edit) => edit_of(uri.clone(), text_edit(&document.lines, &document.text, edit, encoding)),
        Change::File { path, old, edit } => {
            let lines = LineIndex::new(&old);
            edit_of(super::file_uri(&path)?, text_edit(&lines, &old, edit, encoding))
        }
        Change::Create { path, text } => create_file(super::file_uri(&path)?, text),
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: action.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(edit),
        command: None,
        is_preferred: action.preferred.then_some(true),
        disabled: None,
        data: None,
    }))
}

/// `edit` of `text`, whose line index is `lines`, as a protocol edit.
fn text_edit(lines: &LineIndex, text: &str, edit: ByteEdit, encoding: Encoding) -> TextEdit {
    TextEdit { range: positions::range(lines, text, edit.span.start, edit.span.end, encoding), new_text: edit.text }
}

fn edit_of(uri: Uri, edit: TextEdit) -> WorkspaceEdit {
    WorkspaceEdit { changes: Some(HashMap::from([(uri, vec![edit])])), ..WorkspaceEdit::default() }
}

/// Creates the file at `uri` (unless it appeared meanwhile) holding `text`.
fn create_file(uri: Uri, text: String) -> WorkspaceEdit {
    let create = ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
        annotation_id: None,
    });
    let insert = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit { range: Range::default(), new_text: text })],
    };
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![
            DocumentChangeOperation::Op(create),
            DocumentChangeOperation::Edit(insert),
        ])),
        ..WorkspaceEdit::default()
    }
}
