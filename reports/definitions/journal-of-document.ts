// The journal a business document posted (an invoice, a receipt, a payment): the drill-down from a party's
// ledger to the general ledger. The journal's header in the facts names its source document; one document
// posts one journal. Facts are read here for drill-down only, as reports may.

/** The journal's number as the `journal` column; null for a document that posted none. */
export const JOURNAL_OF_DOCUMENT = 'journals.document_number as journal';

/** Joins the journals of source documents on the document number in `documentColumn`. */
export const JOURNAL_JOIN = (documentColumn: string) => `left join (
    select source_document_number, min(document_number) as document_number
    from facts.journal_entries
    where source_document_number is not null
    group by source_document_number
) as journals
    on ${documentColumn} = journals.source_document_number`;
