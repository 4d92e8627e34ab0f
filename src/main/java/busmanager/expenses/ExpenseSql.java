package busmanager.expenses;

import java.util.Set;

/** The Expense object of api.md §7 as PostgreSQL builds it. */
final class ExpenseSql {
    static final Set<String> STATUSES = Set.of("pending", "approved", "denied");

    static final String JSON = """
            json_build_object(
              'id', e.id, 'trip_id', e.trip_id, 'category_id', e.category_id, 'submitted_by', e.submitted_by,
              'amount', e.amount, 'expense_date', e.expense_date, 'description', e.description,
              'document_url', e.document_url, 'fuel_quantity', e.fuel_quantity, 'status', e.status,
              'admin_remarks', e.admin_remarks, 'approved_by', e.approved_by, 'approved_at', e.approved_at,
              'category', CASE WHEN c.id IS NULL THEN NULL
                  ELSE json_build_object('id', c.id, 'name', c.name, 'icon', c.icon) END,
              'trip', CASE WHEN t.id IS NULL THEN NULL
                  ELSE json_build_object('id', t.id, 'trip_number', t.trip_number) END,
              'submitter', CASE WHEN p.id IS NULL THEN NULL
                  ELSE json_build_object('id', p.id, 'full_name', p.full_name) END,
              'created_at', e.created_at, 'updated_at', e.updated_at)::text""";

    static final String FROM = """
             FROM expenses e
            LEFT JOIN expense_categories c ON c.id = e.category_id
            LEFT JOIN trips t ON t.id = e.trip_id
            LEFT JOIN profiles p ON p.id = e.submitted_by""";

    static final String SELECT = "SELECT " + JSON + FROM;
    static final String SELECT_ONE = SELECT + " WHERE e.id = ?";
    static final String ORDER = " ORDER BY e.created_at DESC, e.id DESC";

    private ExpenseSql() {
    }
}
