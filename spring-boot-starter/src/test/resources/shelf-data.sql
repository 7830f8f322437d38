insert into shelf (id, title, author) values (1, 'Dune', 'Frank Herbert');
