import { useMemo } from 'react';
import { type ColumnMapping, type ParsedCsv, previewRows, STANDARD_FIELDS } from '@/lib/csv/import';
import { type ColumnTarget, FIELD_LABELS, retarget, targetOf } from './mapping';

interface Props {
  parsed: ParsedCsv;
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
}

const PREVIEW_ROWS = 6;

/** Column -> field selects, with a live preview of the first rows as they would import. */
export function MappingStep({ parsed, mapping, onChange }: Props) {
  const preview = useMemo(() => previewRows(parsed, mapping, PREVIEW_ROWS), [parsed, mapping]);
  const firstRow = parsed.rows[0] ?? [];
  return (
    <div className="tb-grid-2">
      <div>
        <h3 className="tb-section-title">Columns</h3>
        <div className="tb-rejected" style={{ maxHeight: 420 }}>
          <table className="tb-table tb-mapping" data-testid="mapping-table">
            <thead>
              <tr>
                <th>Column in the file</th>
                <th>Goes to</th>
              </tr>
            </thead>
            <tbody>
              {parsed.headers.map((h, i) => (
                <tr key={h}>
                  <td>
                    <div title={h}>{h}</div>
                    <div className="tb-sample" title={firstRow[i]}>
                      {firstRow[i] || '\u00a0'}
                    </div>
                  </td>
                  <td>
                    <select
                      aria-label={`Field for column ${h}`}
                      value={targetOf(mapping, h)}
                      onChange={(e) => onChange(retarget(mapping, h, e.target.value as ColumnTarget))}
                    >
                      <option value="ignore">Don’t import</option>
                      {STANDARD_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABELS[f]}
                        </option>
                      ))}
                      <option value="custom">Keep as extra field</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        <h3 className="tb-section-title">Preview of the first rows</h3>
        <table className="tb-table tb-preview" data-testid="import-preview">
          <thead>
            <tr>
              <th style={{ width: 52 }}>Line</th>
              <th>Name</th>
              <th>Email</th>
              <th>Company</th>
              <th>Title</th>
              <th>Phone</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((p) =>
              p.draft ? (
                <tr key={p.rowNumber}>
                  <td className="tb-muted">{p.rowNumber}</td>
                  <td>
                    {`${p.draft.firstName} ${p.draft.lastName}`.trim() || <span className="tb-muted">—</span>}
                  </td>
                  <td title={p.draft.email}>{p.draft.email}</td>
                  <td title={p.draft.company}>{p.draft.company}</td>
                  <td title={p.draft.title}>{p.draft.title}</td>
                  <td>{p.draft.phone}</td>
                </tr>
              ) : (
                <tr key={p.rowNumber}>
                  <td className="tb-muted">{p.rowNumber}</td>
                  <td colSpan={5} className="reason">
                    Won’t import: {p.reason}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <p className="tb-muted">
          {parsed.rows.length} row{parsed.rows.length === 1 ? '' : 's'} in the file.
        </p>
      </div>
    </div>
  );
}
